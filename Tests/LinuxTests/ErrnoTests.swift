import Foundation
import Linux
import Testing

@Suite struct ErrnoTests {
  /// Every code in the kernel headers has the header's name; messages are
  /// the headers' comments (or the specification's wording for three).
  @Test func namesAndNumbersMatchTheKernelHeaders() throws {
    var defined: [String: Int32] = [:]
    for header in ["/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h"] {
      let text = try String(contentsOfFile: header, encoding: .utf8)
      for line in text.split(separator: "\n") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if fields.count >= 3, fields[0] == "#define", let number = Int32(fields[2]) {
          defined[String(fields[1])] = number
        }
      }
    }
    #expect(defined.count == 131)
    for (name, number) in defined {
      let errno = Errno(rawValue: number)
      #expect(errno.name.map { "\($0)" } == name)
      #expect(errno.knownMessage != nil)
    }
    #expect(Errno.highestKnownCode == 133)
  }

  @Test func everyCodeFrom1To133IsRepresentable() {
    for number in Int32(1)...133 {
      let message = Errno(rawValue: number).message
      #expect(!message.isEmpty)
      if number == 41 || number == 58 {
        #expect(message == "Unknown error \(number)")
        #expect(Errno(rawValue: number).name == nil)
      }
    }
  }

  @Test func messagesAsTheSpecificationLists() {
    #expect(Errno.noSuchFileOrDirectory.message == "No such file or directory")
    #expect(Errno.badFileDescriptor.message == "Bad file number")
    #expect(Errno.argListTooLong.message == "Arg list too long")
    #expect(Errno.noFunction.message == "Function not implemented")
    #expect(Errno.staleNFSFileHandle.message == "Stale NFS file handle")
    #expect(Errno.hardwarePoison.message == "Memory page has hardware error")
    #expect(Errno.wouldBlock == Errno.resourceTemporarilyUnavailable)
    #expect("\(Errno.permissionDenied)" == "Permission denied")
  }

  @Test func unknownValuesAreKeptNotTrapped() {
    for number: Int32 in [0, 134, 4095, -5, .max, .min] {
      let errno = Errno(rawValue: number)
      #expect(errno.rawValue == number)
      #expect(errno.name == nil)
      #expect(errno.message == "Unknown error \(number)")
    }
  }

  @Test func decodesRawSyscallResults() {
    #expect(Errno(syscallResult: -2) == .noSuchFileOrDirectory)
    #expect(Errno(syscallResult: -4095) == Errno(rawValue: 4095))
    #expect(Errno(syscallResult: -4096) == nil)
    #expect(Errno(syscallResult: 0) == nil)
    #expect(Errno(syscallResult: 5) == nil)
    #expect(Errno(syscallResult: Int.min) == nil)
  }
}
