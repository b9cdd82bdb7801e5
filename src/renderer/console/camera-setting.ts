// A camera setting the lead changes on the devices tab (how it is mounted, the webcam fallback):
// the camera as it is now, kept up to date, and a save that says when it was kept.
import { useEffect, useState } from 'react';
import type { CameraState, MadoguchiClient } from '../../shared/contract.js';
import { useAction } from '../ui/hooks.js';

export function useCameraSetting(client: MadoguchiClient) {
  const [camera, setCamera] = useState<CameraState>();
  const [saved, setSaved] = useState(false);
  const { busy, error, run, setError } = useAction();
  useEffect(() => {
    client.call('camera.state', {}).then(setCamera, setError);
    return client.on('camera.changed', setCamera);
  }, [client]);
  const save = (change: () => Promise<CameraState>) => {
    setSaved(false);
    run(change, (c) => {
      setCamera(c);
      setSaved(true);
    });
  };
  return { camera, saved, busy, error, save };
}
