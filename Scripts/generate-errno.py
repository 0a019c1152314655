#!/usr/bin/env python3
"""Generates Sources/Linux/Errno+Codes.swift.

Numbers and C names come from the kernel's generic errno headers as installed
by Debian's linux-libc-dev (asm-generic/errno-base.h and asm-generic/errno.h,
which x86-64 uses unchanged). Messages are the comments in those headers,
except the three that the project's specification (the seed book) words as
older kernels did: E2BIG, ENOSYS, ESTALE.

Usage: python3 Scripts/generate-errno.py > Sources/Linux/Errno+Codes.swift
"""
import re

HEADERS = ["/usr/include/asm-generic/errno-base.h", "/usr/include/asm-generic/errno.h"]
SEED_MESSAGES = {
    "E2BIG": "Arg list too long",
    "ENOSYS": "Function not implemented",
    "ESTALE": "Stale NFS file handle",
}
# Swift names, in the manner of swift-system's Errno.
SWIFT = {
 "EPERM": "notPermitted", "ENOENT": "noSuchFileOrDirectory", "ESRCH": "noSuchProcess",
 "EINTR": "interrupted", "EIO": "ioError", "ENXIO": "noSuchAddressOrDevice",
 "E2BIG": "argListTooLong", "ENOEXEC": "execFormatError", "EBADF": "badFileDescriptor",
 "ECHILD": "noChildProcess", "EAGAIN": "resourceTemporarilyUnavailable", "ENOMEM": "noMemory",
 "EACCES": "permissionDenied", "EFAULT": "badAddress", "ENOTBLK": "notBlockDevice",
 "EBUSY": "resourceBusy", "EEXIST": "fileExists", "EXDEV": "improperLink",
 "ENODEV": "operationNotSupportedByDevice", "ENOTDIR": "notDirectory", "EISDIR": "isDirectory",
 "EINVAL": "invalidArgument", "ENFILE": "tooManyOpenFilesInSystem", "EMFILE": "tooManyOpenFiles",
 "ENOTTY": "inappropriateIOCTLForDevice", "ETXTBSY": "textFileBusy", "EFBIG": "fileTooLarge",
 "ENOSPC": "noSpace", "ESPIPE": "illegalSeek", "EROFS": "readOnlyFileSystem",
 "EMLINK": "tooManyLinks", "EPIPE": "brokenPipe", "EDOM": "outOfDomain", "ERANGE": "outOfRange",
 "EDEADLK": "deadlock", "ENAMETOOLONG": "fileNameTooLong", "ENOLCK": "noLocks",
 "ENOSYS": "noFunction", "ENOTEMPTY": "directoryNotEmpty", "ELOOP": "tooManySymbolicLinkLevels",
 "ENOMSG": "noMessage", "EIDRM": "identifierRemoved", "ECHRNG": "channelNumberOutOfRange",
 "EL2NSYNC": "level2NotSynchronized", "EL3HLT": "level3Halted", "EL3RST": "level3Reset",
 "ELNRNG": "linkNumberOutOfRange", "EUNATCH": "protocolDriverNotAttached",
 "ENOCSI": "noCSIStructure", "EL2HLT": "level2Halted", "EBADE": "invalidExchange",
 "EBADR": "invalidRequestDescriptor", "EXFULL": "exchangeFull", "ENOANO": "noAnode",
 "EBADRQC": "invalidRequestCode", "EBADSLT": "invalidSlot", "EBFONT": "badFontFileFormat",
 "ENOSTR": "notStream", "ENODATA": "noData", "ETIME": "timeout", "ENOSR": "noStreamResources",
 "ENONET": "machineNotOnNetwork", "ENOPKG": "packageNotInstalled", "EREMOTE": "remote",
 "ENOLINK": "noLink", "EADV": "advertiseError", "ESRMNT": "srmountError",
 "ECOMM": "communicationError", "EPROTO": "protocolError", "EMULTIHOP": "multiHop",
 "EDOTDOT": "rfsSpecificError", "EBADMSG": "badMessage", "EOVERFLOW": "overflow",
 "ENOTUNIQ": "nameNotUnique", "EBADFD": "fileDescriptorInBadState",
 "EREMCHG": "remoteAddressChanged", "ELIBACC": "cannotAccessSharedLibrary",
 "ELIBBAD": "corruptedSharedLibrary", "ELIBSCN": "libSectionCorrupted",
 "ELIBMAX": "tooManySharedLibraries", "ELIBEXEC": "cannotExecSharedLibrary",
 "EILSEQ": "illegalByteSequence", "ERESTART": "restartSystemCall", "ESTRPIPE": "streamsPipeError",
 "EUSERS": "tooManyUsers", "ENOTSOCK": "notSocket", "EDESTADDRREQ": "addressRequired",
 "EMSGSIZE": "messageTooLong", "EPROTOTYPE": "protocolWrongTypeForSocket",
 "ENOPROTOOPT": "protocolNotAvailable", "EPROTONOSUPPORT": "protocolNotSupported",
 "ESOCKTNOSUPPORT": "socketTypeNotSupported", "EOPNOTSUPP": "notSupported",
 "EPFNOSUPPORT": "protocolFamilyNotSupported", "EAFNOSUPPORT": "addressFamilyNotSupported",
 "EADDRINUSE": "addressInUse", "EADDRNOTAVAIL": "addressNotAvailable",
 "ENETDOWN": "networkDown", "ENETUNREACH": "networkUnreachable", "ENETRESET": "networkReset",
 "ECONNABORTED": "connectionAbort", "ECONNRESET": "connectionReset", "ENOBUFS": "noBufferSpace",
 "EISCONN": "socketIsConnected", "ENOTCONN": "socketNotConnected",
 "ESHUTDOWN": "socketShutdown", "ETOOMANYREFS": "tooManyReferences", "ETIMEDOUT": "timedOut",
 "ECONNREFUSED": "connectionRefused", "EHOSTDOWN": "hostIsDown", "EHOSTUNREACH": "noRouteToHost",
 "EALREADY": "alreadyInProcess", "EINPROGRESS": "nowInProgress", "ESTALE": "staleNFSFileHandle",
 "EUCLEAN": "structureNeedsCleaning", "ENOTNAM": "notXENIXNamedTypeFile",
 "ENAVAIL": "noXENIXSemaphores", "EISNAM": "isNamedTypeFile", "EREMOTEIO": "remoteIOError",
 "EDQUOT": "diskQuotaExceeded", "ENOMEDIUM": "noMedium", "EMEDIUMTYPE": "wrongMediumType",
 "ECANCELED": "canceled", "ENOKEY": "requiredKeyNotAvailable", "EKEYEXPIRED": "keyExpired",
 "EKEYREVOKED": "keyRevoked", "EKEYREJECTED": "keyRejected", "EOWNERDEAD": "previousOwnerDied",
 "ENOTRECOVERABLE": "stateNotRecoverable", "ERFKILL": "operationNotPossibleDueToRFKill",
 "EHWPOISON": "hardwarePoison",
}

codes = []
aliases = []
for path in HEADERS:
    for line in open(path):
        m = re.match(r"#define\s+(E\w+)\s+(\d+)\s*/\*\s*(.*?)\s*\*/", line)
        if m:
            codes.append((m.group(1), int(m.group(2)), SEED_MESSAGES.get(m.group(1), m.group(3))))
        m = re.match(r"#define\s+(E\w+)\s+(E[A-Z0-9]+)\b", line)
        if m:
            aliases.append((m.group(1), m.group(2)))
codes.sort(key=lambda c: c[1])
byname = {c[0]: c for c in codes}
assert set(SWIFT) == set(byname), set(SWIFT) ^ set(byname)

out = []
w = out.append
w("// Generated by Scripts/generate-errno.py from the kernel's")
w("// <linux-libc-dev>/asm-generic/errno-base.h and asm-generic/errno.h. Do not edit.")
w("// Regenerate: python3 Scripts/generate-errno.py > Sources/Linux/Errno+Codes.swift")
w("")
w("extension Errno {")
for name, number, message in codes:
    w(f"  /// {message}.")
    w("  ///")
    w(f"  /// The corresponding C error is `{name}` ({number}).")
    w(f"  @_transparent public static var {SWIFT[name]}: Errno {{ Errno(rawValue: {number}) }}")
    w("")
# EDEADLOCK is EDEADLK, already `deadlock`; EWOULDBLOCK gets its own Swift name.
for alias, target in aliases:
    if alias != "EWOULDBLOCK":
        continue
    w(f"  /// `{alias}`, which Linux defines as `{target}` ({byname[target][1]}).")
    w(f"  @_transparent public static var wouldBlock: Errno {{ .{SWIFT[target]} }}")
    w("")
w("  /// The largest error number the kernel headers define.")
w(f"  public static var highestKnownCode: Int32 {{ {codes[-1][1]} }}")
w("}")
w("")
w("extension Errno {")
w("  /// The C name of the error (`\"ENOENT\"`), or `nil` for a number the")
w("  /// kernel headers do not define.")
w("  public var name: StaticString? {")
w("    switch rawValue {")
for name, number, _ in codes:
    w(f"    case {number}: \"{name}\"")
w("    default: nil")
w("    }")
w("  }")
w("")
w("  /// The message for a known error number (`\"No such file or directory\"`),")
w("  /// or `nil` for a number the kernel headers do not define.")
w("  public var knownMessage: StaticString? {")
w("    switch rawValue {")
for name, number, message in codes:
    w(f"    case {number}: \"{message}\"")
w("    default: nil")
w("    }")
w("  }")
w("}")
print("\n".join(out))
