// Peer: hello world in ordinary hosted Swift (glibc + the Swift runtime).
print("hello world")
