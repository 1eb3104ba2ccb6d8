import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { PhoneIntents } from '../store/phone-intents.js';
import type { PhoneStore, PhoneViewState } from '../store/phone-store.js';

interface PhoneContextValue {
  store: PhoneStore;
  intents: PhoneIntents;
}

const PhoneContext = createContext<PhoneContextValue | null>(null);

/** Gives a window's components its store and intents (created once in the window's entry). */
export function PhoneProvider({ store, intents, children }: PhoneContextValue & { children: ReactNode }) {
  const value = useMemo(() => ({ store, intents }), [store, intents]);
  return <PhoneContext.Provider value={value}>{children}</PhoneContext.Provider>;
}

function usePhoneContext(): PhoneContextValue {
  const value = useContext(PhoneContext);
  if (!value) throw new Error('PhoneProvider is missing');
  return value;
}

/**
 * Select from the window's state; the component re-renders when the selection changes. Compared
 * shallowly, so a selector may build a new array or object (`lines.filter(…)`, `?? []`): a fresh
 * but equal selection on every call would otherwise re-render without end (React error #185).
 */
export function usePhoneView<T>(selector: (state: PhoneViewState) => T): T {
  return useStore(usePhoneContext().store, useShallow(selector));
}

export function usePhoneIntents(): PhoneIntents {
  return usePhoneContext().intents;
}

/** For event handlers that need the current state without subscribing to it. */
export function usePhoneStore(): PhoneStore {
  return usePhoneContext().store;
}
