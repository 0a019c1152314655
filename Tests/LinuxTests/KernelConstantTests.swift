import Foundation
import Linux
import Testing

/// Flag and structure values checked against the kernel headers by
/// compiling a small C program that prints them.
@Suite struct KernelConstantTests {
  static func headerValues() throws -> [String: Int] {
    let source = """
      #include <stdio.h>
      #include <stddef.h>
      #include <asm/signal.h>
      #include <linux/signal.h>
      #include <asm/ioctls.h>
      #include <linux/mman.h>
      #include <linux/random.h>
      #define P(x) printf(#x "\\t%ld\\n", (long)(x));
      int main(void) {
        P(PROT_READ) P(PROT_WRITE) P(PROT_EXEC)
        P(MAP_SHARED) P(MAP_PRIVATE) P(MAP_FIXED) P(MAP_ANONYMOUS) P(MAP_NORESERVE) P(MAP_POPULATE)
        P(MAP_STACK) P(MAP_FIXED_NOREPLACE) P(MREMAP_MAYMOVE)
        P(SA_NOCLDSTOP) P(SA_NOCLDWAIT) P(SA_SIGINFO) P(SA_RESTORER) P(SA_ONSTACK) P(SA_RESTART)
        P(SA_NODEFER) P(SA_RESETHAND) P(SS_DISABLE)
        P(SIGILL) P(SIGBUS) P(SIGFPE) P(SIGSEGV) P(SIGUSR1) P(SIGUSR2) P(SIGSYS)
        P(GRND_NONBLOCK) P(GRND_RANDOM) P(GRND_INSECURE) P(TCGETS)
        P(sizeof(struct sigaction)) P(offsetof(struct sigaction, sa_flags))
        P(offsetof(struct sigaction, sa_restorer)) P(offsetof(struct sigaction, sa_mask))
        P(sizeof(stack_t)) P(offsetof(stack_t, ss_flags)) P(offsetof(stack_t, ss_size))
        return 0;
      }
      """
    return try HeaderValues.compile(source: source)
  }

  @Test func valuesMatchTheKernelHeaders() throws {
    let h = try Self.headerValues()
    #expect(Int(Memory.Protection.read.rawValue) == h["PROT_READ"])
    #expect(Int(Memory.Protection.write.rawValue) == h["PROT_WRITE"])
    #expect(Int(Memory.Protection.execute.rawValue) == h["PROT_EXEC"])
    #expect(Int(Memory.MapFlags.shared.rawValue) == h["MAP_SHARED"])
    #expect(Int(Memory.MapFlags.private.rawValue) == h["MAP_PRIVATE"])
    #expect(Int(Memory.MapFlags.fixed.rawValue) == h["MAP_FIXED"])
    #expect(Int(Memory.MapFlags.anonymous.rawValue) == h["MAP_ANONYMOUS"])
    #expect(Int(Memory.MapFlags.noReserve.rawValue) == h["MAP_NORESERVE"])
    #expect(Int(Memory.MapFlags.populate.rawValue) == h["MAP_POPULATE"])
    #expect(Int(Memory.MapFlags.stack.rawValue) == h["MAP_STACK"])
    #expect(Int(Memory.MapFlags.fixedNoReplace.rawValue) == h["MAP_FIXED_NOREPLACE"])
    #expect(Int(Memory.RemapFlags.mayMove.rawValue) == h["MREMAP_MAYMOVE"])
    #expect(Int(SignalAction.Flags.noChildStop.rawValue) == h["SA_NOCLDSTOP"])
    #expect(Int(SignalAction.Flags.noChildWait.rawValue) == h["SA_NOCLDWAIT"])
    #expect(Int(SignalAction.Flags.signalInfo.rawValue) == h["SA_SIGINFO"])
    #expect(Int(SignalAction.Flags.restorer.rawValue) == h["SA_RESTORER"])
    #expect(Int(SignalAction.Flags.onStack.rawValue) == h["SA_ONSTACK"])
    #expect(Int(SignalAction.Flags.restart.rawValue) == h["SA_RESTART"])
    #expect(Int(SignalAction.Flags.noDefer.rawValue) == h["SA_NODEFER"])
    #expect(Int(bitPattern: SignalAction.Flags.resetHandler.rawValue) & 0xffff_ffff == h["SA_RESETHAND"].map { $0 & 0xffff_ffff })
    #expect(Int(SignalStack.disabledFlag) == h["SS_DISABLE"])
    #expect(Int(Signal.illegalInstruction.rawValue) == h["SIGILL"])
    #expect(Int(Signal.busError.rawValue) == h["SIGBUS"])
    #expect(Int(Signal.floatingPointException.rawValue) == h["SIGFPE"])
    #expect(Int(Signal.segmentationFault.rawValue) == h["SIGSEGV"])
    #expect(Int(Signal.user1.rawValue) == h["SIGUSR1"])
    #expect(Int(Signal.user2.rawValue) == h["SIGUSR2"])
    #expect(Int(Signal.badSystemCall.rawValue) == h["SIGSYS"])
    #expect(Int(Random.Flags.nonBlocking.rawValue) == h["GRND_NONBLOCK"])
    #expect(Int(Random.Flags.random.rawValue) == h["GRND_RANDOM"])
    #expect(Int(Random.Flags.insecure.rawValue) == h["GRND_INSECURE"])
    #expect(h["TCGETS"] == 0x5401)
    #expect(MemoryLayout<SignalAction>.size == h["sizeof(struct sigaction)"])
    #expect(MemoryLayout<SignalAction>.offset(of: \.flags) == h["offsetof(struct sigaction, sa_flags)"])
    #expect(MemoryLayout<SignalAction>.offset(of: \.restorer) == h["offsetof(struct sigaction, sa_restorer)"])
    #expect(MemoryLayout<SignalAction>.offset(of: \.mask) == h["offsetof(struct sigaction, sa_mask)"])
    #expect(MemoryLayout<SignalStack>.size == h["sizeof(stack_t)"])
    #expect(MemoryLayout<SignalStack>.offset(of: \.flags) == h["offsetof(stack_t, ss_flags)"])
    #expect(MemoryLayout<SignalStack>.offset(of: \.size) == h["offsetof(stack_t, ss_size)"])
  }
}
