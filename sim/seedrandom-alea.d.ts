// Types for the one seedrandom algorithm the twin uses, imported by its own path so that the
// package's entry (which reaches for node's crypto for auto-seeding) is never loaded in sim/.
declare module 'seedrandom/lib/alea.js' {
  export interface AleaState {
    c: number;
    s0: number;
    s1: number;
    s2: number;
  }
  export interface AleaPrng {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
    state(): AleaState;
  }
  export default function alea(seed: string, options: { state: true | AleaState }): AleaPrng;
}
