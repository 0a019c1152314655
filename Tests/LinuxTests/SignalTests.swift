import Foundation
import Glibc
import Linux
import Testing

@Suite struct SignalTests {
  @Test func signalSets() {
    var set = SignalSet.empty
    #expect(set.isEmpty)
    set.insert(.interrupt)
    set.insert(.lastRealTime)
    #expect(set.rawValue == (1 << 1) | (1 << 63) as UInt64)
    #expect(set.contains(.interrupt) && !set.contains(.quit))
    set.remove(.interrupt)
    #expect(set == SignalSet(.lastRealTime))
    #expect(SignalSet(.hangup, .user1).rawValue == 0x201)
    #expect(SignalSet.all.contains(.firstRealTime))
    var action = SignalAction.default
    action.blockedSignals = SignalSet(.user2)
    #expect(action.mask == 1 << 11)
  }

  @Test func blockUnblockAndSetTheMask() {
    runOnOwnThread {
      let signal = Signal(rawValue: 45)
      guard let original = try? Signals.mask() else { Issue.record("mask"); return }
      #expect((try? Signals.block(SignalSet(signal))) == original)
      #expect((try? Signals.mask().contains(signal)) == true)
      // SIGKILL and SIGSTOP cannot be blocked: silently left out.
      _ = try? Signals.block(SignalSet(.kill, .stop))
      #expect((try? Signals.mask().contains(.kill)) == false)
      #expect((try? Signals.mask().contains(.stop)) == false)
      _ = try? Signals.unblock(SignalSet(signal))
      #expect((try? Signals.mask().contains(signal)) == false)
      let previous = try? Signals.setMask(SignalSet(.user1, signal))
      #expect(previous?.contains(signal) == false)
      #expect((try? Signals.mask()) == SignalSet(.user1, signal))
      _ = try? Signals.setMask(original)
      #expect((try? Signals.mask()) == original)
      #expect(throws: Errno.invalidArgument) { try Signals.changeMask(SignalMaskChange(rawValue: 7), .empty) }
      // The wrong sigset size, through the raw call.
      #expect(Syscall.call(.rt_sigprocmask, 0, 0, 0, 16) == -Int(Errno.invalidArgument.rawValue))
    }
  }

  @Test func pendingSignalsAndSuspend() throws {
    let signal = Signal(rawValue: 46)
    try installCountingSignalHandler(signal)
    runOnOwnThread {
      guard let original = try? Signals.block(SignalSet(signal)) else { Issue.record("block"); return }
      let before = countedDeliveries(signal)
      #expect(throws: Never.self) { try Signals.send(signal, toThread: Linux.Process.threadID, ofProcess: getpid()) }
      // Blocked: pending, not handled.
      #expect((try? Signals.pending().contains(signal)) == true)
      #expect(countedDeliveries(signal) == before)
      // sigsuspend unblocks it atomically, runs the handler, returns.
      var waiting = original
      waiting.remove(signal)
      Signals.suspend(with: waiting)
      #expect(countedDeliveries(signal) == before + 1)
      #expect((try? Signals.pending().contains(signal)) == false)
      // The mask is back as it was before the suspend.
      #expect((try? Signals.mask().contains(signal)) == true)
      _ = try? Signals.setMask(original)
    }
    #expect(Syscall.call(.rt_sigpending, 8, 8) == -Int(Errno.badAddress.rawValue))
  }

  @Test func killTheOwnProcess() throws {
    let signal = Signal(rawValue: 47)
    try installCountingSignalHandler(signal)
    // In a forked child, so that no thread of the test process (blocked in
    // another suite's system call) is interrupted by it. The child has one
    // thread: once unblocked, a signal it sends itself is handled before
    // kill returns.
    let pid = try forkTestChild {
      let before = countedSignals[47]
      do throws(Errno) {
        try Signals.unblock(SignalSet(signal))
        try Signals.send(signal, to: .process(Linux.Process.id))
      } catch { return 1 }
      return countedSignals[47] == before + 1 ? 0 : 2
    }
    #expect(try reapTestChild(pid) == .exited(code: 0))
  }

  @Test func actionsWithMasksAndTheAlternateStack() throws {
    let signal = Signal(rawValue: 48)
    var action = SignalAction(handler: { _, _, _ in }, flags: [.restart])
    action.blockedSignals = SignalSet(.user1, .user2)
    let previous = try Signals.setAction(action, for: signal)
    defer { _ = try? Signals.setAction(previous, for: signal) }
    #expect(try Signals.action(for: signal).blockedSignals == SignalSet(.user1, .user2))
    runOnOwnThread {
      // A new thread made by glibc has no alternate stack.
      let none = try? Signals.alternateStack()
      #expect(none.map { $0.flags & SignalStack.disabledFlag != 0 } == true)
    }
  }
}
