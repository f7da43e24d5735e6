/**
 * A picture as plain shapes with absolute coordinates: what the layout
 * computes and the SVG writer draws. Integer pixels, so output is stable.
 */

export interface SceneText {
  readonly text: string;
  readonly bold?: boolean;
  /** CSS class of the line, e.g. a muted detail. */
  readonly cls?: string;
}

export interface SceneBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** CSS classes of the rectangle. */
  readonly cls: string;
  readonly lines: readonly SceneText[];
  /** Tooltip: every fact of the box on one line each. */
  readonly title?: string;
  /** Element id (an XML name), for links into the picture. */
  readonly id?: string;
  /** Colour of a stripe on the box's left edge (the wave's colour). */
  readonly stripe?: string;
}

export interface SceneLine {
  /** Polyline points. */
  readonly points: readonly (readonly [number, number])[];
  readonly cls: string;
  readonly arrow?: boolean;
}

export interface SceneLabel {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly cls: string;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  /** Title of the picture (SVG `<title>`). */
  readonly title: string;
  readonly boxes: readonly SceneBox[];
  readonly lines: readonly SceneLine[];
  readonly labels: readonly SceneLabel[];
}
