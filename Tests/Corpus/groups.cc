// C++ templates and inline functions: COMDAT section groups in the object.
#include <vector>
template <typename T> T twice(T v) { return v + v; }
inline int shared_inline(int x) { static int calls; return x + ++calls; }
int main() {
  std::vector<int> v{1, 2, 3};
  return twice(v[0]) + twice(1.5) + shared_inline(v.size()) - 8;
}
