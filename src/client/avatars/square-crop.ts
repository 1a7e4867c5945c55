// The square crop of an avatar: the image covers a square viewport, scaled by a zoom (1 = the short
// side fits), and panned by an offset (the image's top-left corner in viewport pixels) that never
// uncovers the viewport. `sourceSquare` is the part of the image the viewport shows, in image pixels.

export interface Size {
  width: number;
  height: number;
}

export interface CropView {
  zoom: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

function scaleOf(image: Size, viewport: number, zoom: number): number {
  return (viewport / Math.min(image.width, image.height)) * zoom;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The view with the zoom in range and the image still covering the viewport. */
export function clampView(image: Size, viewport: number, view: CropView): CropView {
  const zoom = clamp(view.zoom, MIN_ZOOM, MAX_ZOOM);
  const scale = scaleOf(image, viewport, zoom);
  return { zoom, x: clamp(view.x, viewport - image.width * scale, 0), y: clamp(view.y, viewport - image.height * scale, 0) };
}

/** The image centred at zoom 1. */
export function initialView(image: Size, viewport: number): CropView {
  const scale = scaleOf(image, viewport, 1);
  return clampView(image, viewport, { zoom: 1, x: (viewport - image.width * scale) / 2, y: (viewport - image.height * scale) / 2 });
}

/** Zooms keeping the viewport's centre on the same point of the image. */
export function zoomTo(image: Size, viewport: number, view: CropView, zoom: number): CropView {
  const before = scaleOf(image, viewport, view.zoom);
  const after = scaleOf(image, viewport, clamp(zoom, MIN_ZOOM, MAX_ZOOM));
  const centreX = (viewport / 2 - view.x) / before;
  const centreY = (viewport / 2 - view.y) / before;
  return clampView(image, viewport, { zoom, x: viewport / 2 - centreX * after, y: viewport / 2 - centreY * after });
}

/** The square of the image (in its own pixels) that the viewport shows. */
export function sourceSquare(image: Size, viewport: number, view: CropView): { x: number; y: number; side: number } {
  const scale = scaleOf(image, viewport, view.zoom);
  const side = Math.min(viewport / scale, image.width, image.height);
  return { x: clamp(-view.x / scale, 0, image.width - side), y: clamp(-view.y / scale, 0, image.height - side), side };
}
