import { describe, expect, it } from "vitest";
import { clampView, initialView, sourceSquare, zoomTo } from "./square-crop";

const landscape = { width: 400, height: 200 };

describe("square crop", () => {
  it("starts centred with the short side filling the viewport", () => {
    const view = initialView(landscape, 100);
    expect(view).toEqual({ zoom: 1, x: -50, y: 0 });
    expect(sourceSquare(landscape, 100, view)).toEqual({ x: 100, y: 0, side: 200 });
  });

  it("never uncovers the viewport: the pan is clamped to the image's edges", () => {
    expect(clampView(landscape, 100, { zoom: 1, x: 30, y: 10 })).toEqual({ zoom: 1, x: 0, y: 0 });
    expect(clampView(landscape, 100, { zoom: 1, x: -500, y: -40 })).toEqual({ zoom: 1, x: -100, y: 0 });
    expect(sourceSquare(landscape, 100, { zoom: 1, x: -100, y: 0 })).toEqual({ x: 200, y: 0, side: 200 });
  });

  it("zooms around the viewport's centre, within 1..4", () => {
    const zoomed = zoomTo(landscape, 100, initialView(landscape, 100), 2);
    expect(zoomed).toEqual({ zoom: 2, x: -150, y: -50 });
    expect(sourceSquare(landscape, 100, zoomed)).toEqual({ x: 150, y: 50, side: 100 });
    expect(zoomTo(landscape, 100, zoomed, 10).zoom).toBe(4);
    expect(zoomTo(landscape, 100, zoomed, 0.2)).toEqual(initialView(landscape, 100));
  });
});
