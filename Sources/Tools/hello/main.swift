import Runtime

print("hello world")
