// Where the head is in a picture: the largest face, its landmarks with the chin refined on the
// picture, and the crown. The still's pipeline and the live view's guide both start here.
import { refineChin } from './chin.js';
import { findCrown, type Crown } from './crown.js';
import type { DetectedFace, RgbImage } from './face-detector.js';
import { landmarks, type FaceLandmarks } from './landmarks.js';

export function largestFace(faces: readonly DetectedFace[]): DetectedFace | undefined {
  return [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
}

export function locateHead(img: RgbImage, face: DetectedFace): { marks: FaceLandmarks; crown: Crown } {
  const mesh = landmarks(face);
  const marks = { ...mesh, chin: [mesh.chin[0], refineChin(img, mesh).y] as const };
  return { marks, crown: findCrown(img, marks) };
}
