extension Memory {
  /// The number of pages that `length` bytes span from a page-aligned
  /// address: the size of the vector ``residency(_:length:into:)`` fills.
  @_transparent
  public static func pageCount(length: Int) -> Int { (length + pageSize - 1) / pageSize }

  /// Reports which pages of `length` bytes at `address` (page-aligned) are
  /// resident in memory: one byte per page in `vector`, whose lowest bit is
  /// set for a resident page (the other bits are reserved).
  ///
  /// `vector` must hold at least ``pageCount(length:)`` bytes (checked:
  /// the kernel cannot know its size).
  ///
  /// Errors: `EINVAL` (unaligned address), `ENOMEM` (part of the range is
  /// not mapped: a way to ask whether memory is mapped at all), `EFAULT`
  /// (`vector` is not writable memory).
  ///
  /// The corresponding system call is `mincore(2)`.
  @inlinable
  public static func residency(
    _ address: UnsafeMutableRawPointer, length: Int, into vector: UnsafeMutableBufferPointer<UInt8>
  ) throws(Errno) {
    precondition(vector.count >= pageCount(length: length), "mincore vector too small")
    _ = try Syscall.check(Syscall.call(
      .mincore, Int(UnsafeRawPointer(address)), length, Int(UnsafeRawPointer(vector.baseAddress))))
  }
}
