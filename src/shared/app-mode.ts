// Whether the booth runs on its own hardware, on simulators (demo), or on some of each: the
// banner both windows show follows it as the devices change.
import type { AppMode, DeviceStatus } from './contract.js';

export function appModeOf(devices: readonly DeviceStatus[]): AppMode {
  const simulated = devices.filter((d) => d.simulated).length;
  return simulated === 0 ? 'hardware' : simulated === devices.length ? 'demo' : 'mixed';
}

/**
 * The camera as the booth uses it: with no tethered camera found and the lead's webcam fallback
 * on, the station's webcam takes the pictures. It is real hardware, not the demo camera.
 */
export function cameraInUse(camera: DeviceStatus, webcamFallback: boolean): DeviceStatus {
  if (camera.kind !== 'camera' || !camera.simulated || !webcamFallback) return camera;
  return { kind: 'camera', simulated: false, name: 'ステーションのWebカメラ (station webcam)', state: 'ready', outputDir: null };
}
