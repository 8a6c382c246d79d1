/** Compile-time check that a stored schema's output is the domain type it stands for: `true` only when `From` is assignable to `To`. */
export type Assignable<From extends To, To> = From extends To ? true : never;
