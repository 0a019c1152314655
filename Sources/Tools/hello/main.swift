// hello: prints "hello world" through Swift's own `print`.
import Runtime

print("hello world")
