// args: prints each command-line argument, argv[0] first, one per line,
// byte for byte (arguments need not be UTF-8).
import Runtime

for argument in Program.arguments {
  StandardOutput.write(argument.bytes)
  StandardOutput.write(byte: 10)
}
