extension ELFFile {
  /// The dynamic table in the file bytes `offset ..< offset + size`, up to
  /// and including its first `DT_NULL` (or every whole entry if there is
  /// none), decoded on access.
  ///
  /// Unlike ``dynamicEntries()``, which finds the table itself and stops
  /// before `DT_NULL`, this reads the table where the caller found it and
  /// keeps the terminator: `readelf -d` locates the table its own way
  /// (the `.dynamic` section inside `PT_DYNAMIC`), counts the `DT_NULL`
  /// entry and shows it with its value. Bytes after the last whole entry
  /// are ignored.
  ///
  /// Errors: ``ELFError/offsetOutOfRange(_:)`` or ``ELFError/overflow``
  /// with ``ELFError/Item/dynamicTable`` if the range is not inside the
  /// file.
  public func dynamicEntries(throughTerminatorAt offset: UInt64, size: UInt64) throws(ELFError) -> DynamicEntries {
    let table = try bytes(offset: offset, size: size, .dynamicTable)
    let start = Int(offset)
    let entrySize = DynamicEntry.size(fileClass)
    let capacity = table.count / entrySize
    var count = 0
    while count < capacity {
      count += 1
      if DynamicEntry(reader: reader, at: start + (count - 1) * entrySize).tag == .null { break }
    }
    return DynamicEntries(reader: reader, offset: start, count: count)
  }
}
