// The part of fs-native-extensions that the DATA_DIR lock uses (the package ships no types).
declare module 'fs-native-extensions' {
  const fsx: {
    /** A non-blocking exclusive (or shared) lock on an open file: true when granted, false when another holds it. */
    tryLock(fd: number, opts?: { shared?: boolean }): boolean;
    unlock(fd: number): void;
  };
  export default fsx;
}
