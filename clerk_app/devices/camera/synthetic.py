"""Realistic document-camera photographs with ground truth, for tests, demos and benchmarks.

A flat page (A4 or A5 text page with tables, frames, stamps and QR codes, or an ID-1 card) is
rendered, then photographed: perspective, rotation on the desk, a background (light pad, wood,
dark pad, cluttered desk, patterned cloth), a hand over an edge, a shadow, an uneven light, blur,
sensor noise and JPEG artefacts. The exact page outline in the photograph is known, in the
project's corner order (see `quad.py`). Everything is drawn from one seed: same seed, same shot.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from clerk_app.devices.camera import pagecontent
from clerk_app.devices.camera.quad import Quad, order_corners
from clerk_app.devices.camera.sizes import SIZES

BACKGROUNDS = ("light_pad", "wood", "dark", "cluttered", "fabric")
KINDS = ("a4", "a4", "a4", "a5", "id1")


@dataclass(frozen=True)
class Shot:
    """A synthetic photograph and what is really in it."""

    image: np.ndarray
    corners: Quad
    kind: str
    background: str
    page: np.ndarray
    content_rotation: int
    qr_text: str | None
    seed: int


@dataclass(frozen=True)
class ShotSpec:
    seed: int
    size: tuple[int, int] = (1280, 960)
    kind: str | None = None
    background: str | None = None
    content_rotation: int | None = None
    qr_text: str | None = None
    hand: bool | None = None
    blank: bool = False
    max_tilt: float = 25.0


def make_shot(spec: ShotSpec) -> Shot:
    rng = np.random.default_rng(spec.seed)
    width, height = spec.size
    kind = spec.kind or str(rng.choice(KINDS))
    background = spec.background or str(rng.choice(BACKGROUNDS))
    rotation = spec.content_rotation
    if rotation is None:
        rotation = int(rng.choice([0, 0, 0, 90, 180, 270]))
    scene = backdrop(rng, width, height, background)
    corners, px_per_mm = _place(rng, kind, width, height, rotation, spec.max_tilt)
    page, alpha = pagecontent.render(kind, px_per_mm * 1.25, rng, spec.qr_text, spec.blank)
    scene = _composite(scene, page, alpha, corners)
    if spec.hand if spec.hand is not None else rng.random() < 0.35:
        _draw_hand(rng, scene, corners)
    scene = _photograph(rng, scene)
    return Shot(
        scene, order_corners(corners), kind, background, page, rotation, spec.qr_text, spec.seed
    )


def dataset(count: int, seed: int = 0, size: tuple[int, int] = (1280, 960)) -> Iterator[Shot]:
    """`count` shots cycling through every background, from consecutive seeds."""
    for index in range(count):
        background = BACKGROUNDS[index % len(BACKGROUNDS)]
        yield make_shot(ShotSpec(seed=seed + index, size=size, background=background))


def empty_scene(seed: int, size: tuple[int, int] = (1280, 960)) -> np.ndarray:
    """A desk with no page on it."""
    rng = np.random.default_rng(seed)
    background = BACKGROUNDS[seed % len(BACKGROUNDS)]
    return _photograph(rng, backdrop(rng, size[0], size[1], background))


# --- the desk -------------------------------------------------------------------------------


def backdrop(rng: np.random.Generator, width: int, height: int, kind: str) -> np.ndarray:
    if kind == "light_pad":
        base = rng.uniform(200, 228, 3) + rng.uniform(-6, 6, 3)
        scene = _textured(rng, width, height, base, 3.0)
        _draw_grid(rng, scene, base - rng.uniform(10, 25))
    elif kind == "wood":
        scene = _wood(rng, width, height)
    elif kind == "dark":
        scene = _textured(rng, width, height, rng.uniform(25, 75, 3), 4.0)
    elif kind == "fabric":
        scene = _fabric(rng, width, height)
    else:
        scene = _textured(rng, width, height, rng.uniform(90, 190, 3), 5.0)
        _draw_clutter(rng, scene)
    return scene


def _textured(
    rng: np.random.Generator, width: int, height: int, base: np.ndarray, amount: float
) -> np.ndarray:
    small = rng.normal(0, amount, (height // 8 + 1, width // 8 + 1, 1)).astype(np.float32)
    texture = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)[..., None]
    return np.clip(base.astype(np.float32) + texture, 0, 255).astype(np.float32)


def _draw_grid(rng: np.random.Generator, scene: np.ndarray, colour: np.ndarray) -> None:
    step = int(rng.integers(60, 140))
    col = tuple(float(c) for c in colour)
    for x in range(int(rng.integers(0, step)), scene.shape[1], step):
        cv2.line(scene, (x, 0), (x, scene.shape[0]), col, 1, cv2.LINE_AA)
    for y in range(int(rng.integers(0, step)), scene.shape[0], step):
        cv2.line(scene, (0, y), (scene.shape[1], y), col, 1, cv2.LINE_AA)


def _wood(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, np.pi)
    u = xx * np.cos(angle) + yy * np.sin(angle)
    wobble = cv2.resize(
        rng.normal(0, 1, (8, 8)).astype(np.float32), (width, height), cv2.INTER_CUBIC
    )
    grain = np.sin(u / rng.uniform(6, 14) + wobble * 3.0) * 0.5 + 0.5
    base = np.array([rng.uniform(40, 80), rng.uniform(80, 120), rng.uniform(130, 180)])
    scene = base[None, None, :] * (0.8 + 0.3 * grain[..., None])
    return np.clip(scene, 0, 255).astype(np.float32)


def _fabric(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    period = rng.uniform(6, 20)
    weave = (np.sin(xx / period) * np.sin(yy / period)) * 0.5 + 0.5
    base = rng.uniform(60, 200, 3)
    other = np.clip(base + rng.uniform(-60, 60, 3), 0, 255)
    scene = base[None, None, :] * (1 - weave[..., None]) + other[None, None, :] * weave[..., None]
    return scene.astype(np.float32)


def _draw_clutter(rng: np.random.Generator, scene: np.ndarray) -> None:
    height, width = scene.shape[:2]
    for _ in range(int(rng.integers(4, 9))):
        colour = tuple(float(c) for c in rng.uniform(0, 255, 3))
        centre = (float(rng.uniform(0, width)), float(rng.uniform(0, height)))
        shape = rng.integers(0, 3)
        if shape == 0:
            box = (centre, (float(rng.uniform(40, 300)), float(rng.uniform(40, 300))),
                   float(rng.uniform(0, 180)))
            cv2.fillPoly(scene, [cv2.boxPoints(box).astype(np.int32)], colour, cv2.LINE_AA)
        elif shape == 1:
            axes = (int(rng.uniform(20, 120)), int(rng.uniform(20, 120)))
            cv2.ellipse(scene, (int(centre[0]), int(centre[1])), axes, 0, 0, 360, colour, -1,
                        cv2.LINE_AA)
        else:
            end = (int(centre[0] + rng.uniform(-250, 250)), int(centre[1] + rng.uniform(-250, 250)))
            cv2.line(scene, (int(centre[0]), int(centre[1])), end, colour,
                     int(rng.integers(4, 14)), cv2.LINE_AA)


# --- the page on the desk -------------------------------------------------------------------


def _place(
    rng: np.random.Generator, kind: str, width: int, height: int, rotation: int, max_tilt: float
) -> tuple[np.ndarray, float]:
    """Corners of the page in the scene (page order TL, TR, BR, BL of its content)."""
    size = SIZES[kind]
    low, high = (0.30, 0.55) if kind == "id1" else (0.55, 0.92)
    for _ in range(100):
        fill = rng.uniform(low, high)
        long_px = fill * min(width, height) * (1.0 if kind == "id1" else 1.05)
        px_per_mm = long_px / max(size.width_mm, size.height_mm)
        w, h = size.width_mm * px_per_mm, size.height_mm * px_per_mm
        rect = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
        angle = np.radians(rotation + rng.uniform(-max_tilt, max_tilt))
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        quad = rect @ rot.T
        quad += rng.normal(0, 0.018 * np.hypot(w, h), quad.shape)
        span = quad.max(axis=0) - quad.min(axis=0)
        margin = 0.03 * min(width, height)
        room = np.array([width, height]) - span - 2 * margin
        if np.any(room <= 0):
            continue
        offset = margin - quad.min(axis=0) + rng.uniform(0, 1, 2) * room
        return quad + offset, px_per_mm
    raise RuntimeError("could not place the page in the scene")


def _composite(
    scene: np.ndarray, page: np.ndarray, alpha: np.ndarray, corners: np.ndarray
) -> np.ndarray:
    h, w = page.shape[:2]
    src = np.array([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])
    matrix = cv2.getPerspectiveTransform(src.astype(np.float32), corners.astype(np.float32))
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(page.astype(np.float32), matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(alpha.astype(np.float32), matrix, size, flags=cv2.INTER_LINEAR)
    shadow = cv2.GaussianBlur(mask, (0, 0), 3.0)
    scene = scene * (1.0 - 0.25 * shadow[..., None])
    return scene * (1.0 - mask[..., None]) + warped * mask[..., None]


def _draw_hand(rng: np.random.Generator, scene: np.ndarray, corners: np.ndarray) -> None:
    """A hand resting over one side of the page, away from its corners."""
    side = int(rng.integers(0, 4))
    a, b = corners[side], corners[(side + 1) % 4]
    point = a + (b - a) * rng.uniform(0.35, 0.65)
    centre = corners.mean(axis=0)
    normal = point - centre
    normal /= np.linalg.norm(normal)
    along = (b - a) / np.linalg.norm(b - a)
    length = np.linalg.norm(b - a)
    palm = point + normal * length * 0.22
    skin = np.array([rng.uniform(120, 160), rng.uniform(150, 185), rng.uniform(200, 235)])
    colour = tuple(float(c) for c in skin)
    radius = int(length * 0.13)
    cv2.circle(scene, (int(palm[0]), int(palm[1])), radius, colour, -1, cv2.LINE_AA)
    reach = length * rng.uniform(0.03, 0.09)
    for finger in range(int(rng.integers(2, 5))):
        base = palm + along * (finger - 1.5) * radius * 0.45
        tip = point + along * (finger - 1.5) * radius * 0.45 - normal * reach
        cv2.line(scene, (int(base[0]), int(base[1])), (int(tip[0]), int(tip[1])), colour,
                 max(3, int(radius * 0.35)), cv2.LINE_AA)


# --- the camera -----------------------------------------------------------------------------


def _photograph(rng: np.random.Generator, scene: np.ndarray) -> np.ndarray:
    height, width = scene.shape[:2]
    scene = scene * _lighting(rng, width, height)[..., None]
    if rng.random() < 0.6:
        scene = scene * _shadow(rng, width, height)[..., None]
    sigma = rng.uniform(0.4, 1.5)
    scene = cv2.GaussianBlur(scene, (0, 0), sigma)
    noise = np.empty(scene.shape, np.float32)
    cv2.setRNGSeed(int(rng.integers(0, 2**31 - 1)))
    cv2.randn(noise, 0.0, float(rng.uniform(1.5, 6.0)))
    scene = scene + noise
    image = np.clip(scene, 0, 255).astype(np.uint8)
    quality = int(rng.integers(45, 92))
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(data, cv2.IMREAD_COLOR) if ok else image


def _lighting(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A smooth light falloff, computed coarse and enlarged (it has no detail)."""
    small = _light_field(rng, width // 8, height // 8)
    return cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR)


def _light_field(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (xx / width - 0.5) * np.cos(angle) + (yy / height - 0.5) * np.sin(angle)
    low, high = rng.uniform(0.65, 0.9), rng.uniform(0.95, 1.1)
    light = low + (high - low) * (ramp + 0.7) / 1.4
    r2 = ((xx / width - 0.5) ** 2 + (yy / height - 0.5) ** 2) * 4
    return (light * (1.0 - 0.12 * r2)).astype(np.float32)


def _shadow(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    mask = np.zeros((height, width), np.float32)
    edge = rng.integers(0, 4)
    depth = rng.uniform(0.2, 0.5)
    pts = {
        0: [(0, 0), (width * depth, 0), (width * depth * rng.uniform(0.5, 1.5), height), (0, height)],
        1: [(width, 0), (width * (1 - depth), 0), (width * (1 - depth), height), (width, height)],
        2: [(0, 0), (width, 0), (width, height * depth), (0, height * depth * rng.uniform(0.5, 1.5))],
        3: [(0, height), (width, height), (width, height * (1 - depth)), (0, height * (1 - depth))],
    }[int(edge)]
    cv2.fillPoly(mask, [np.array(pts, np.int32)], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), rng.uniform(8, 30))
    return 1.0 - mask * rng.uniform(0.2, 0.45)
