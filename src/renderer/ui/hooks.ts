import { useEffect, useState } from 'react';
import type { EventName, EventPayload, MadoguchiClient } from '../../shared/contract.js';
import type { ConnectionState } from '../client/ws-bridge.js';
import type { Connection } from '../client/client.js';

/**
 * A value loaded each time the connection opens (`opens` counts the openings), then kept
 * current by an event.
 */
export function useLive<E extends EventName>(
  client: MadoguchiClient,
  load: () => Promise<EventPayload<E>>,
  event: E,
  opens: number,
): EventPayload<E> | undefined {
  const [value, setValue] = useState<EventPayload<E>>();
  useEffect(() => {
    if (opens === 0) return;
    let live = true;
    load().then(
      (v) => live && setValue(v),
      () => {},
    );
    const off = client.on(event, (v) => setValue(v));
    return () => {
      live = false;
      off();
    };
  }, [client, event, opens]);
  return value;
}

export interface ConnectionInfo {
  state: ConnectionState;
  /** How many times the connection has opened: a key that changes only on (re)connect. */
  opens: number;
}

export function useConnectionState(conn: Connection): ConnectionInfo {
  const [info, setInfo] = useState<ConnectionInfo>({ state: 'connecting', opens: 0 });
  useEffect(
    () => conn.onState((state) => setInfo((prev) => ({ state, opens: prev.opens + (state === 'open' ? 1 : 0) }))),
    [conn],
  );
  return info;
}

export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs one call: clears the last error, marks busy, keeps the error if it fails. */
  run: <T>(work: () => Promise<T>, onDone?: (value: T) => void) => void;
  setError: (e: unknown) => void;
}

/** The busy/error state every console form needs around a contract call. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return {
    busy,
    error,
    setError,
    run: (work, onDone) => {
      setError(null);
      setBusy(true);
      work()
        .then(onDone, setError)
        .finally(() => setBusy(false));
    },
  };
}

/** A value loaded now, and loaded again whenever one of these events says it changed. */
export function useFresh<T>(client: MadoguchiClient, load: () => Promise<T>, events: readonly EventName[]): [T | undefined, () => void] {
  const [value, setValue] = useState<T>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue(v),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, round]);
  useEffect(() => {
    const offs = events.map((e) => client.on(e, () => setRound((n) => n + 1)));
    return () => offs.forEach((off) => off());
  }, [client, events.join(' ')]);
  return [value, () => setRound((n) => n + 1)];
}
