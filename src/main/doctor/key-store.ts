// What protects the database key on this machine. The shell asks Electron's safeStorage; the
// CLI and browser host have no OS key store and always use the passphrase path.
export interface KeyStoreStatus {
  /** e.g. "gnome_libsecret", "kwallet5", "dpapi", "keychain", "basic_text"; null: none at all. */
  backend: string | null;
  /** True when the backend really encrypts with an OS secret (not basic_text). */
  secure: boolean;
}

export const INSECURE_BACKENDS = new Set(['basic_text', 'unknown']);

export const noKeyStore: KeyStoreStatus = { backend: null, secure: false };
