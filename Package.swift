// swift-tools-version: 6.1
// swift-nolibc: Swift programs for Linux that start at `_start`, talk to the
// kernel by raw system calls and need no libc. See README.md and
// ../shared/ARCHITECTURE.md (two build modes, module rules).
import PackageDescription

/// The `Freestanding` trait switches every target to Embedded Swift and
/// links the executables statically with no libc.
let freestanding = BuildSettingCondition.when(traits: ["Freestanding"])

/// The `MinimalRuntime` trait (with `Freestanding`) is the documented
/// minimal profile: code optimized for size, standard output unbuffered, no
/// crash reports. Linking is the same (code stays read+execute only). See
/// README.md, "Minimal profile".
let minimal = BuildSettingCondition.when(traits: ["MinimalRuntime"])

/// Swift settings shared by every Swift target.
///
/// - `Embedded`, whole-module: required by Embedded Swift.
/// - `-function-sections`: lets the linker drop every unused function
///   (`--gc-sections`), which is what keeps `hello` under a page.
/// - no stack protector: there is no libc `__stack_chk_fail` to call.
/// - no dynamic exclusivity checks: each access to a global would otherwise
///   call `swift_beginAccess`, which costs more than the rest of `print`.
///   (Static exclusivity checking is unaffected.)
let swiftSettings: [SwiftSetting] = [
  .enableExperimentalFeature("Embedded", freestanding),
  .define("Freestanding", freestanding),
  .define("StaticPIE", .when(traits: ["StaticPIE"])),
  .define("MinimalRuntime", minimal),
  .unsafeFlags(["-Osize"], minimal),
  .unsafeFlags([
    "-wmo",
    "-Xfrontend", "-function-sections",
    "-Xfrontend", "-disable-stack-protector",
    "-enforce-exclusivity=unchecked",
    "-Xcc", "-Xclang", "-Xcc", "-mframe-pointer=none",
  ], freestanding),
]

/// The directory of this manifest, for paths the linker must resolve from
/// wherever SwiftPM runs it.
let packageDirectory = String(#filePath.dropLast("Package.swift".count))

/// Linker settings of the runtime, inherited by every executable that links
/// it: a static executable with no C library, no start files, no dynamic
/// section, and unused sections removed.
///
/// - lld packs segments without file padding; gold pads to page boundaries.
/// - no separate read-only segment (and no RELRO: `noRelRO` below): each
///   segment costs a program header and alignment. Code stays
///   read+execute, data read+write: nothing is ever writable and
///   executable.
/// - `Linking/freestanding.ld` discards sections nothing reads at run time.
let freestandingLinking: [LinkerSetting] = [
  .unsafeFlags([
    "-use-ld=lld",
    "-Xclang-linker", "-nostdlib",
    "-Xclang-linker", "-static",
    "-Xlinker", "--gc-sections",
    "-Xlinker", "--build-id=none",
    "-Xlinker", "-z", "-Xlinker", "noexecstack",
    "-Xlinker", "--no-rosegment",
    "-Xlinker", "--no-eh-frame-hdr",
    "-Xlinker", "-T", "-Xlinker", packageDirectory + "Linking/freestanding.ld",
  ], freestanding),
]

/// No RELRO for the static (non-PIE) programs: a static executable with no
/// relocations has nothing for RELRO to protect, and the segment costs a
/// program header and alignment. Given to each program target, not to
/// Runtime, because SwiftPM puts a target's own linker flags before the
/// ones it inherits: on Runtime it would come after, and override, the
/// loader tools' `-z relro`.
let noRelRO: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "-z", "-Xlinker", "norelro"], freestanding)]

/// Linker settings that make an executable a static position-independent
/// executable (static-PIE): loaded at a random address, with its own
/// relocations (RELATIVE only, packed as RELR) and a RELRO range that the
/// entry code applies before any Swift code runs (`Runtime/Relocate.swift`,
/// entry `nl_start_pie` in `CLinux/start.c`). With the trait they come
/// after `noRelRO` on the link line and win (`-z relro`).
let staticPIEFlags = [
  "-Xlinker", "-pie",
  "-Xlinker", "--no-dynamic-linker",
  "-Xlinker", "-z", "-Xlinker", "relro",
  "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
  "-Xlinker", "-e", "-Xlinker", "nl_start_pie",
]

/// The `StaticPIE` trait (with `Freestanding`) links every program as a
/// static-PIE. See README.md, "Static-PIE builds".
let staticPIELinking: [LinkerSetting] = [.unsafeFlags(staticPIEFlags, .when(traits: ["StaticPIE"]))]

/// The freestanding tools: thin `main.swift` files over the libraries.
let tools = [
  "hello", "args", "printenv", "exitcode", "crashtest", "probe", "cat", "fstat", "fileops", "maps", "memdemo",
  "runcode", "auxv", "stackdump", "stacklayout", "readelf", "vdso",
]

/// The loader tools (`ld.so`, `ulexec`): always static-PIE, whatever the
/// build's traits, so that they never sit where the program they load
/// wants to be. Target names are module names; the products carry the
/// command names.
let loaderTools: [(product: String, target: String)] = [("ld.so", "ldso"), ("ulexec", "ulexec")]

/// Freestanding benchmark subjects, run by Benchmarks/run.sh (not shipped).
let benchmarkTools = ["membench", "mallocbench", "fmtbench", "getpidbench", "clockbench"]

let package = Package(
  name: "swift-nolibc",
  products: [
    .library(name: "Linux", targets: ["Linux"]),
    .library(name: "InitialStack", targets: ["InitialStack"]),
    .library(name: "ELF", targets: ["ELF"]),
    .library(name: "Runtime", targets: ["Runtime"]),
    .library(name: "Loader", targets: ["Loader"]),
  ] + (tools + benchmarkTools).map { .executable(name: $0, targets: [$0]) }
    + loaderTools.map { .executable(name: $0.product, targets: [$0.target]) },
  traits: [
    .trait(
      name: "Freestanding",
      description: "Build Embedded Swift static executables that contain no libc and no Swift runtime library."),
    .trait(
      name: "StaticPIE",
      description:
        "With Freestanding: link every program as a static position-independent executable that relocates itself at startup (ASLR)."),
    .trait(
      name: "MinimalRuntime",
      description: "With Freestanding: the minimal profile (size-optimized, unbuffered output, no crash reports)."),
  ],
  targets: [
    .target(
      name: "CLinux",
      cSettings: [
        .define("NOLIBC_FREESTANDING", freestanding),
        .define("NOLIBC_STATIC_PIE", .when(traits: ["StaticPIE"])),
        .unsafeFlags(["-ffunction-sections", "-fno-asynchronous-unwind-tables"], freestanding),
      ]),
    .target(name: "Linux", dependencies: ["CLinux"], swiftSettings: swiftSettings),
    .target(name: "InitialStack", swiftSettings: swiftSettings),
    .target(name: "ELF", swiftSettings: swiftSettings),
    // Maps ELF objects, links and relocates them, builds initial stacks:
    // the machinery of ld.so and ulexec.
    .target(name: "Loader", dependencies: ["Linux", "InitialStack", "CLinux"], swiftSettings: swiftSettings),
    // The 32-byte loops of memcpy and memset: the only code built for AVX,
    // run only after Runtime has checked that the CPU and kernel have it.
    .target(
      name: "MemoryKernelsAVX",
      swiftSettings: swiftSettings + [.unsafeFlags(["-Xllvm", "-disable-loop-idiom-all", "-Xcc", "-mavx"])]),
    .target(
      name: "Runtime",
      dependencies: ["Linux", "InitialStack", "ELF", "CLinux", "MemoryKernelsAVX"],
      // The byte loops of memcpy and friends must not be turned back into
      // calls to memcpy by LLVM's loop-idiom pass (endless recursion).
      swiftSettings: swiftSettings + [.unsafeFlags(["-Xllvm", "-disable-loop-idiom-all"])],
      linkerSettings: freestandingLinking + staticPIELinking),
  ] + tools.map {
    .executableTarget(
      name: $0, dependencies: ["Runtime", "Linux", "InitialStack", "ELF"], path: "Sources/Tools/\($0)",
      swiftSettings: swiftSettings, linkerSettings: noRelRO)
  } + loaderTools.map {
    .executableTarget(
      name: $0.target, dependencies: ["Runtime", "Linux", "InitialStack", "ELF", "Loader"],
      path: "Sources/Tools/\($0.target)", swiftSettings: swiftSettings,
      linkerSettings: [.unsafeFlags(staticPIEFlags, freestanding)])
  } + benchmarkTools.map {
    .executableTarget(
      name: $0, dependencies: ["Runtime", "Linux"], path: "Benchmarks/Sources/\($0)", swiftSettings: swiftSettings,
      linkerSettings: noRelRO)
  } + [
    .testTarget(name: "LinuxTests", dependencies: ["Linux"]),
    .testTarget(name: "InitialStackTests", dependencies: ["InitialStack"]),
    .testTarget(name: "ELFTests", dependencies: ["ELF"]),
    .testTarget(name: "LoaderTests", dependencies: ["Loader", "ELF", "Linux"]),

    .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Linux"]),
    .testTarget(name: "IntegrationTests", dependencies: ["Linux", "InitialStack"]),
  ]
)
