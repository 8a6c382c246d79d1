/**
 * Compile-time check that a stored schema's output is the domain type it stands for: `true` only when `From` is assignable to `To`.
 * Declared as an alias nobody uses (`type _ReadsX = Assignable<StoredX, X>`): the declaration is the check, nothing runs.
 */
export type Assignable<From extends To, To> = From extends To ? true : never;
