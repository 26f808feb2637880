//===- chainrule/Tape.h - A stack of recorded values ------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The tape generated reverse-mode code uses for values a loop's reverse
/// sweep needs and cannot recompute: a stack with amortised O(1) push and
/// pop, no allocation per element, and inline storage for short loops (the
/// first InlineCapacity values live inside the object, on the stack of the
/// generated function). Header-only, so generated code needs no library.
///
/// A gradient called many times would allocate and free its tapes' heap
/// storage on every call, and large blocks go back to the operating system
/// when freed (each call then pays for fresh pages). So a tape's heap block
/// is kept, when the tape is destroyed, in a small per-thread pool of spare
/// blocks (per element type, at most MaxSpares, the largest kept), and a
/// tape that grows takes the largest spare big enough. The pool is freed
/// when the thread exits.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TAPE_H
#define CHAINRULE_TAPE_H

#include <cassert>
#include <cstddef>
#include <cstring>
#include <memory>
#include <type_traits>

namespace chainrule {

/// A LIFO stack of trivially copyable values.
template <typename T, std::size_t InlineCapacity = 32> class Tape {
  static_assert(std::is_trivially_copyable<T>::value,
                "a tape holds plain values");

public:
  Tape() = default;
  Tape(const Tape &) = delete;
  Tape &operator=(const Tape &) = delete;
  ~Tape() {
    if (!Heap)
      return;
    // Keep the block, in place of the smallest spare if the pool is full.
    Spare *Slot = nullptr;
    for (Spare &S : spares())
      if (!Slot || S.Capacity < Slot->Capacity)
        Slot = &S;
    if (Capacity > Slot->Capacity) {
      Slot->Block = std::move(Heap);
      Slot->Capacity = Capacity;
    }
  }

  /// Appends \p V.
  void push(T V) {
    if (Size == Capacity)
      grow(Size + 1);
    Data[Size++] = V;
  }

  /// Makes room for \p N more values, to be added with append: a loop
  /// whose trip count is known reserves once, before it starts.
  void reserve(std::size_t N) {
    if (Capacity - Size < N)
      grow(Size + N);
  }

  /// Appends \p V where reserve made room (no check, no call in the loop).
  void append(T V) {
    assert(Size < Capacity && "append without a reserve");
    Data[Size++] = V;
  }

  /// Removes and returns the last value pushed.
  T pop() {
    assert(Size != 0 && "pop from an empty tape");
    return Data[--Size];
  }

  std::size_t size() const { return Size; }
  bool empty() const { return Size == 0; }
  /// The bytes of storage the tape holds (inline or on the heap), which is
  /// at most twice, and at least, the most it has held at once.
  std::size_t capacityBytes() const { return Capacity * sizeof(T); }

private:
  /// Grows the storage to hold at least \p Needed values. Out of line and
  /// cold: the loops that push keep their values in registers.
#if defined(__GNUC__)
  __attribute__((noinline, cold))
#endif
  void grow(std::size_t Needed) {
    // Past the inline storage, start at a size that fits typical loops in
    // one allocation, then double.
    std::size_t NewCapacity = Capacity < 1024 ? 1024 : 2 * Capacity;
    while (NewCapacity < Needed)
      NewCapacity *= 2;
    Spare *Best = nullptr;
    for (Spare &S : spares())
      if (S.Capacity >= NewCapacity && (!Best || S.Capacity > Best->Capacity))
        Best = &S;
    if (Best) {
      // A block a previous tape left: no allocation, pages already mapped.
      std::memcpy(Best->Block.get(), Data, Size * sizeof(T));
      std::unique_ptr<T[]> Outgrown = std::move(Heap);
      std::size_t OutgrownCapacity = Outgrown ? Capacity : 0;
      Heap = std::move(Best->Block);
      Capacity = Best->Capacity;
      // The block outgrown (if any) goes back to the pool in its place.
      Best->Block = std::move(Outgrown);
      Best->Capacity = OutgrownCapacity;
      Data = Heap.get();
      return;
    }
    std::unique_ptr<T[]> Bigger(new T[NewCapacity]);
    std::memcpy(Bigger.get(), Data, Size * sizeof(T));
    Heap = std::move(Bigger);
    Data = Heap.get();
    Capacity = NewCapacity;
  }

  /// Blocks destroyed tapes left for the next ones, per thread.
  struct Spare {
    std::unique_ptr<T[]> Block;
    std::size_t Capacity = 0;
  };
  static constexpr std::size_t MaxSpares = 16;
  static Spare (&spares())[MaxSpares] {
    thread_local Spare Pool[MaxSpares];
    return Pool;
  }

  T Inline[InlineCapacity];
  std::unique_ptr<T[]> Heap;
  T *Data = Inline;
  std::size_t Size = 0;
  std::size_t Capacity = InlineCapacity;
};

} // namespace chainrule

#endif // CHAINRULE_TAPE_H
