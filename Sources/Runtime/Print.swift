// `print` for freestanding programs.
//
// Embedded Swift's standard library prints by calling `putchar` once per
// byte. These overloads have the same signatures as the standard library's,
// so in a module that imports Runtime they take precedence (a declaration in
// an imported module shadows the standard library's), and a whole string
// goes into the standard output buffer with one copy. `print` of any other
// value still works through the standard library and `putchar`.

#if Freestanding
/// Writes `string` and then `terminator` to standard output (buffered; see
/// ``StandardOutput``).
public func print(_ string: StaticString, terminator: StaticString = "\n") {
  StandardOutput.write(string)
  StandardOutput.write(terminator)
}

/// Writes the UTF-8 bytes of `string` and then `terminator` to standard
/// output (buffered; see ``StandardOutput``). (Disfavored, so that a string
/// literal takes the `StaticString` overload and no `String` is built.)
@_disfavoredOverload
public func print(_ string: String, terminator: StaticString = "\n") {
  StandardOutput.write(string: string)
  StandardOutput.write(terminator)
}
#endif
