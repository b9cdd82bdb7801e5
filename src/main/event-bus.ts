// Events from services to windows. Transports subscribe once and forward each event to the
// windows the contract allows; services never know which transport is in use.
import type { EventName, EventPayload } from '../shared/contract.js';

type Listener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
