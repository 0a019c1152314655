import Foundation
import Linux
import Testing

/// The memory, process, time and signal families' flags and structure
/// layouts, checked against the kernel's own UAPI headers by compiling a
/// small C program that prints them. Only `linux/` and `asm/` headers
/// (plus stdio and stddef) are included, so the kernel's structures are
/// the ones measured, not glibc's.
@Suite struct MemoryConstantTests {
  static let source = #"""
    #include <stdio.h>
    #include <stddef.h>
    #include <asm/signal.h>
    #include <linux/mman.h>
    #include <linux/wait.h>
    #include <linux/prctl.h>
    #include <linux/time.h>
    #include <linux/time_types.h>
    #include <linux/utsname.h>
    #include <linux/resource.h>
    #define P(x) printf(#x "\t%lld\n", (long long)(x));
    int main(void) {
      P(PROT_READ) P(PROT_WRITE) P(PROT_EXEC) P(PROT_NONE) P(PROT_GROWSDOWN) P(PROT_GROWSUP)
      P(MAP_SHARED) P(MAP_PRIVATE) P(MAP_SHARED_VALIDATE) P(MAP_TYPE) P(MAP_FIXED) P(MAP_ANONYMOUS)
      P(MAP_GROWSDOWN) P(MAP_DENYWRITE) P(MAP_EXECUTABLE) P(MAP_LOCKED) P(MAP_NORESERVE) P(MAP_POPULATE)
      P(MAP_NONBLOCK) P(MAP_STACK) P(MAP_HUGETLB) P(MAP_SYNC) P(MAP_FIXED_NOREPLACE) P(MAP_UNINITIALIZED)
      P(MAP_HUGE_SHIFT) P(MAP_HUGE_2MB) P(MAP_HUGE_1GB)
      P(MREMAP_MAYMOVE) P(MREMAP_FIXED) P(MREMAP_DONTUNMAP)
      P(MS_ASYNC) P(MS_INVALIDATE) P(MS_SYNC)
      P(MADV_NORMAL) P(MADV_RANDOM) P(MADV_SEQUENTIAL) P(MADV_WILLNEED) P(MADV_DONTNEED) P(MADV_FREE)
      P(MADV_REMOVE) P(MADV_DONTFORK) P(MADV_DOFORK) P(MADV_MERGEABLE) P(MADV_UNMERGEABLE)
      P(MADV_HUGEPAGE) P(MADV_NOHUGEPAGE) P(MADV_DONTDUMP) P(MADV_DODUMP) P(MADV_WIPEONFORK)
      P(MADV_KEEPONFORK) P(MADV_COLD) P(MADV_PAGEOUT) P(MADV_POPULATE_READ) P(MADV_POPULATE_WRITE)
      P(MADV_DONTNEED_LOCKED) P(MADV_COLLAPSE) P(MADV_HWPOISON) P(MADV_SOFT_OFFLINE)
      P(WNOHANG) P(WUNTRACED) P(WSTOPPED) P(WCONTINUED) P(__WNOTHREAD) P(__WALL) P(__WCLONE)
      P(PR_SET_PDEATHSIG) P(PR_GET_PDEATHSIG) P(PR_GET_DUMPABLE) P(PR_SET_DUMPABLE) P(PR_SET_NAME)
      P(PR_GET_NAME) P(PR_GET_SECCOMP) P(PR_SET_NO_NEW_PRIVS) P(PR_GET_NO_NEW_PRIVS)
      P(CLOCK_REALTIME) P(CLOCK_MONOTONIC) P(CLOCK_PROCESS_CPUTIME_ID) P(CLOCK_THREAD_CPUTIME_ID)
      P(CLOCK_MONOTONIC_RAW) P(CLOCK_REALTIME_COARSE) P(CLOCK_MONOTONIC_COARSE) P(CLOCK_BOOTTIME)
      P(CLOCK_REALTIME_ALARM) P(CLOCK_BOOTTIME_ALARM) P(CLOCK_TAI) P(TIMER_ABSTIME)
      P(SIG_BLOCK) P(SIG_UNBLOCK) P(SIG_SETMASK) P(SIGRTMIN) P(sizeof(sigset_t))
      printf("_NSIG\t%d\n", (int)(8 * sizeof(sigset_t)));
      P(SIGHUP) P(SIGKILL) P(SIGTERM) P(SIGCHLD) P(SIGCONT) P(SIGSTOP)
      P(__NEW_UTS_LEN) P(sizeof(struct new_utsname)) P(offsetof(struct new_utsname, nodename))
      P(offsetof(struct new_utsname, release)) P(offsetof(struct new_utsname, version))
      P(offsetof(struct new_utsname, machine)) P(offsetof(struct new_utsname, domainname))
      P(sizeof(struct __kernel_timespec)) P(offsetof(struct __kernel_timespec, tv_nsec))
      P(sizeof(struct __kernel_old_timeval)) P(offsetof(struct __kernel_old_timeval, tv_usec))
      P(sizeof(struct rusage)) P(offsetof(struct rusage, ru_stime)) P(offsetof(struct rusage, ru_maxrss))
      P(offsetof(struct rusage, ru_minflt)) P(offsetof(struct rusage, ru_majflt))
      P(offsetof(struct rusage, ru_inblock)) P(offsetof(struct rusage, ru_oublock))
      P(offsetof(struct rusage, ru_nvcsw)) P(offsetof(struct rusage, ru_nivcsw))
      return 0;
    }
    """#

  static func headerValues() throws -> [String: Int] {
    try HeaderValues.compile(source: source)
  }

  @Test func valuesMatchTheKernelHeaders() throws {
    let h = try Self.headerValues()
    func check(_ value: some BinaryInteger, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
      #expect(h[name] != nil, "\(name) missing", sourceLocation: sourceLocation)
      #expect(Int(value) == h[name], "\(name)", sourceLocation: sourceLocation)
    }
    typealias P = Memory.Protection
    check(P.read.rawValue, "PROT_READ")
    check(P.write.rawValue, "PROT_WRITE")
    check(P.execute.rawValue, "PROT_EXEC")
    check(P.none.rawValue, "PROT_NONE")
    check(P.growsDown.rawValue, "PROT_GROWSDOWN")
    check(P.growsUp.rawValue, "PROT_GROWSUP")
    typealias M = Memory.MapFlags
    check(M.shared.rawValue, "MAP_SHARED")
    check(M.private.rawValue, "MAP_PRIVATE")
    check(M.sharedValidate.rawValue, "MAP_SHARED_VALIDATE")
    check(M.fixed.rawValue, "MAP_FIXED")
    check(M.anonymous.rawValue, "MAP_ANONYMOUS")
    check(M.growsDown.rawValue, "MAP_GROWSDOWN")
    check(M.denyWrite.rawValue, "MAP_DENYWRITE")
    check(M.executable.rawValue, "MAP_EXECUTABLE")
    check(M.locked.rawValue, "MAP_LOCKED")
    check(M.noReserve.rawValue, "MAP_NORESERVE")
    check(M.populate.rawValue, "MAP_POPULATE")
    check(M.nonBlocking.rawValue, "MAP_NONBLOCK")
    check(M.stack.rawValue, "MAP_STACK")
    check(M.hugeTLB.rawValue, "MAP_HUGETLB")
    check(M.sync.rawValue, "MAP_SYNC")
    check(M.fixedNoReplace.rawValue, "MAP_FIXED_NOREPLACE")
    check(M.uninitialized.rawValue, "MAP_UNINITIALIZED")
    check(M.hugePageSizeShift, "MAP_HUGE_SHIFT")
    #expect(Int(M.hugeTLB(log2Size: 21).rawValue) == h["MAP_HUGE_2MB"]! | h["MAP_HUGETLB"]!)
    #expect(Int(M.hugeTLB(log2Size: 30).rawValue) == h["MAP_HUGE_1GB"]! | h["MAP_HUGETLB"]!)
    typealias R = Memory.RemapFlags
    check(R.mayMove.rawValue, "MREMAP_MAYMOVE")
    check(R.fixed.rawValue, "MREMAP_FIXED")
    check(R.dontUnmap.rawValue, "MREMAP_DONTUNMAP")
    typealias S = Memory.SyncFlags
    check(S.asynchronous.rawValue, "MS_ASYNC")
    check(S.invalidate.rawValue, "MS_INVALIDATE")
    check(S.synchronous.rawValue, "MS_SYNC")
    typealias A = Memory.Advice
    let advice: [(A, String)] = [
      (.normal, "MADV_NORMAL"), (.random, "MADV_RANDOM"), (.sequential, "MADV_SEQUENTIAL"),
      (.willNeed, "MADV_WILLNEED"), (.dontNeed, "MADV_DONTNEED"), (.free, "MADV_FREE"), (.remove, "MADV_REMOVE"),
      (.dontFork, "MADV_DONTFORK"), (.doFork, "MADV_DOFORK"), (.mergeable, "MADV_MERGEABLE"),
      (.unmergeable, "MADV_UNMERGEABLE"), (.hugePage, "MADV_HUGEPAGE"), (.noHugePage, "MADV_NOHUGEPAGE"),
      (.dontDump, "MADV_DONTDUMP"), (.doDump, "MADV_DODUMP"), (.wipeOnFork, "MADV_WIPEONFORK"),
      (.keepOnFork, "MADV_KEEPONFORK"), (.cold, "MADV_COLD"), (.pageOut, "MADV_PAGEOUT"),
      (.populateRead, "MADV_POPULATE_READ"), (.populateWrite, "MADV_POPULATE_WRITE"),
      (.dontNeedLocked, "MADV_DONTNEED_LOCKED"), (.collapse, "MADV_COLLAPSE"),
      (.hardwarePoison, "MADV_HWPOISON"), (.softOffline, "MADV_SOFT_OFFLINE"),
    ]
    for (value, name) in advice { check(value.rawValue, name) }
    check(WaitOptions.noHang.rawValue, "WNOHANG")
    check(WaitOptions.untraced.rawValue, "WUNTRACED")
    check(WaitOptions.untraced.rawValue, "WSTOPPED")
    check(WaitOptions.continued.rawValue, "WCONTINUED")
    check(WaitOptions.noThread.rawValue, "__WNOTHREAD")
    check(WaitOptions.all.rawValue, "__WALL")
    #expect(Int(UInt32(bitPattern: WaitOptions.clone.rawValue)) == h["__WCLONE"].map { $0 & 0xffff_ffff })
    // prctl options (the wrappers' raw numbers are internal; checked
    // through the raw entry point's documented values).
    for (value, name) in [
      (1, "PR_SET_PDEATHSIG"), (2, "PR_GET_PDEATHSIG"), (3, "PR_GET_DUMPABLE"), (4, "PR_SET_DUMPABLE"),
      (15, "PR_SET_NAME"), (16, "PR_GET_NAME"), (21, "PR_GET_SECCOMP"), (38, "PR_SET_NO_NEW_PRIVS"),
      (39, "PR_GET_NO_NEW_PRIVS"),
    ] { check(value, name) }
    let clocks: [(Clock, String)] = [
      (.realtime, "CLOCK_REALTIME"), (.monotonic, "CLOCK_MONOTONIC"), (.processCPUTime, "CLOCK_PROCESS_CPUTIME_ID"),
      (.threadCPUTime, "CLOCK_THREAD_CPUTIME_ID"), (.monotonicRaw, "CLOCK_MONOTONIC_RAW"),
      (.realtimeCoarse, "CLOCK_REALTIME_COARSE"), (.monotonicCoarse, "CLOCK_MONOTONIC_COARSE"),
      (.boottime, "CLOCK_BOOTTIME"), (.realtimeAlarm, "CLOCK_REALTIME_ALARM"),
      (.boottimeAlarm, "CLOCK_BOOTTIME_ALARM"), (.tai, "CLOCK_TAI"),
    ]
    for (clock, name) in clocks { check(clock.rawValue, name) }
    check(Clock.absoluteTimeFlag, "TIMER_ABSTIME")
    check(SignalMaskChange.block.rawValue, "SIG_BLOCK")
    check(SignalMaskChange.unblock.rawValue, "SIG_UNBLOCK")
    check(SignalMaskChange.setMask.rawValue, "SIG_SETMASK")
    check(Signal.firstRealTime.rawValue, "SIGRTMIN")
    check(Signal.lastRealTime.rawValue, "_NSIG")
    check(MemoryLayout<SignalSet>.size, "sizeof(sigset_t)")
    check(Signal.hangup.rawValue, "SIGHUP")
    check(Signal.kill.rawValue, "SIGKILL")
    check(Signal.terminate.rawValue, "SIGTERM")
    check(Signal.child.rawValue, "SIGCHLD")
    check(Signal.continue.rawValue, "SIGCONT")
    check(Signal.stop.rawValue, "SIGSTOP")
    // Structures.
    check(SystemName.fieldLength - 1, "__NEW_UTS_LEN")
    check(MemoryLayout<SystemName>.size, "sizeof(struct new_utsname)")
    for (field, name) in [
      (SystemName.Field.nodeName, "nodename"), (.release, "release"), (.version, "version"),
      (.machine, "machine"), (.domainName, "domainname"),
    ] {
      check(field.rawValue * SystemName.fieldLength, "offsetof(struct new_utsname, \(name))")
    }
    check(MemoryLayout<TimeSpec>.size, "sizeof(struct __kernel_timespec)")
    check(MemoryLayout<TimeSpec>.offset(of: \.nanoseconds)!, "offsetof(struct __kernel_timespec, tv_nsec)")
    check(MemoryLayout<TimeValue>.size, "sizeof(struct __kernel_old_timeval)")
    check(MemoryLayout<TimeValue>.offset(of: \.microseconds)!, "offsetof(struct __kernel_old_timeval, tv_usec)")
    typealias U = ResourceUsage
    check(MemoryLayout<U>.size, "sizeof(struct rusage)")
    check(MemoryLayout<U>.offset(of: \.systemTime)!, "offsetof(struct rusage, ru_stime)")
    check(MemoryLayout<U>.offset(of: \.maximumResidentSetSize)!, "offsetof(struct rusage, ru_maxrss)")
    check(MemoryLayout<U>.offset(of: \.minorPageFaults)!, "offsetof(struct rusage, ru_minflt)")
    check(MemoryLayout<U>.offset(of: \.majorPageFaults)!, "offsetof(struct rusage, ru_majflt)")
    check(MemoryLayout<U>.offset(of: \.blockInputOperations)!, "offsetof(struct rusage, ru_inblock)")
    check(MemoryLayout<U>.offset(of: \.blockOutputOperations)!, "offsetof(struct rusage, ru_oublock)")
    check(MemoryLayout<U>.offset(of: \.voluntaryContextSwitches)!, "offsetof(struct rusage, ru_nvcsw)")
    check(MemoryLayout<U>.offset(of: \.involuntaryContextSwitches)!, "offsetof(struct rusage, ru_nivcsw)")
  }
}
