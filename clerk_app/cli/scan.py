"""`clerk-app scan`: the document camera pipeline on image files.

    clerk-app scan detect IMAGE
        prints {"corners": [[x, y] ×4], "confidence": c}: image pixels, clockwise from the page's
        top-left corner as it lies; {"corners": null, "confidence": 0.0} when there is no page.
    clerk-app scan process IMAGE… -o OUT.pdf [--mode color|gray|bw] [--idcard]
        one clean page per image (or, with --idcard, front and back on one A4 page) into a PDF.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from clerk_app.devices.camera.enhance import MODES
from clerk_app.devices.camera.errors import CameraError


def register(subparsers: Any) -> None:
    scan = subparsers.add_parser("scan", help="高拍仪图像处理 / document camera pipeline")
    actions = scan.add_subparsers(dest="scan_command", metavar="ACTION", required=True)
    detect = actions.add_parser("detect", help="检测页面四角 / detect the page outline")
    detect.add_argument("image")
    detect.set_defaults(handler=run_detect)
    process = actions.add_parser("process", help="生成材料PDF / clean pages into a PDF")
    process.add_argument("images", nargs="+", metavar="IMAGE")
    process.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    process.add_argument("--mode", choices=MODES, default="gray")
    process.add_argument("--idcard", action="store_true",
                         help="身份证正反面合并到一张A4 / ID card front and back on one A4 page")
    process.add_argument("--title", default="", help="PDF标题（材料名称）")
    process.set_defaults(handler=run_process)


def run_detect(args: argparse.Namespace) -> int:
    from clerk_app.devices.camera.detect import PageDetector
    from clerk_app.devices.camera.images import load_image

    try:
        detection = PageDetector().detect(load_image(args.image))
    except CameraError as error:
        return _fail(error)
    print(json.dumps(detection.as_json()))
    return 0


def run_process(args: argparse.Namespace) -> int:
    from clerk_app.devices.camera.idcard_layout import merge_pages
    from clerk_app.devices.camera.images import load_image
    from clerk_app.devices.camera.process import CARD_DPI, clean_page, write_material_pdf

    try:
        frames = [load_image(path) for path in args.images]
        if args.idcard:
            if len(frames) != 2:
                raise CameraError("idcard.sides", count=len(frames))
            sides = [clean_page(frame, "color", CARD_DPI, card=True) for frame in frames]
            pages = [merge_pages(sides[0], sides[1], args.mode)]
        else:
            pages = [clean_page(frame, args.mode) for frame in frames]
        size = write_material_pdf(pages, args.output, args.title)
    except CameraError as error:
        return _fail(error)
    blanks = [str(i + 1) for i, page in enumerate(pages) if page.blank]
    print(f"{args.output}: {len(pages)} 页, {size} 字节")
    if blanks:
        print(f"注意：第 {', '.join(blanks)} 页为空白页", file=sys.stderr)
    return 0


def _fail(error: CameraError) -> int:
    print(f"clerk-app scan: {error.text()}", file=sys.stderr)
    return 1
