"""The document camera (高拍仪): frame sources and the page pipeline, with no Qt.

Module map: `sources` (UVC camera, file/sequence/video stand-ins), `features` + `detect_contour`,
`detect_lines`, `detect_color` (page candidates) + `score` (confidence) + `refine` (sub-pixel
corners) combined in `detect`; `track` and `stabilizer` for live frames; `warp`, `enhance`,
`orientation` and `process` turn a still into a clean page; `idcard_layout`, `barcodes`, `pdf`;
`synthetic` + `pagecontent` make test photographs with ground truth; `errors` the typed errors.
"""
