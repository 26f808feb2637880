//===- TapeTest.cpp - chainrule::Tape -------------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//

#include "chainrule/Tape.h"

#include <gtest/gtest.h>

namespace {

TEST(TapeTest, PopsInReverseOrderAcrossGrowth) {
  chainrule::Tape<double> T;
  for (int I = 0; I < 5000; ++I)
    T.push(I * 0.5);
  EXPECT_EQ(T.size(), 5000u);
  for (int I = 4999; I >= 0; --I)
    ASSERT_EQ(T.pop(), I * 0.5);
  EXPECT_TRUE(T.empty());
}

TEST(TapeTest, StaysInlineForShortRuns) {
  chainrule::Tape<int, 32> T;
  for (int I = 0; I < 32; ++I)
    T.push(I);
  EXPECT_EQ(T.capacityBytes(), 32 * sizeof(int));
}

TEST(TapeTest, ReserveThenAppend) {
  chainrule::Tape<long> T;
  T.push(-1);
  // Reserving past the inline storage and the first heap size grows once,
  // keeping what was pushed.
  T.reserve(3000);
  EXPECT_GE(T.capacityBytes(), 3001 * sizeof(long));
  std::size_t Capacity = T.capacityBytes();
  for (long I = 0; I < 3000; ++I)
    T.append(I);
  EXPECT_EQ(T.capacityBytes(), Capacity);
  for (long I = 2999; I >= 0; --I)
    ASSERT_EQ(T.pop(), I);
  EXPECT_EQ(T.pop(), -1);
}

TEST(TapeTest, ReserveWithinCapacityDoesNotGrow) {
  chainrule::Tape<double, 8> T;
  T.reserve(8);
  EXPECT_EQ(T.capacityBytes(), 8 * sizeof(double));
  for (int I = 0; I < 8; ++I)
    T.append(I);
  T.reserve(0);
  EXPECT_EQ(T.size(), 8u);
}

TEST(TapeTest, ReusesTheStorageOfADestroyedTape) {
  std::size_t Capacity;
  {
    chainrule::Tape<float> T;
    T.reserve(5000);
    Capacity = T.capacityBytes();
    T.append(1);
  }
  chainrule::Tape<float> U;
  U.push(2);
  U.reserve(10); // inline storage still suffices: nothing taken
  EXPECT_EQ(U.capacityBytes(), 32 * sizeof(float));
  U.reserve(2000);
  // The spare block is at least as large as the first tape's.
  EXPECT_EQ(U.capacityBytes(), Capacity);
  for (int I = 0; I < 2000; ++I)
    U.append(float(I));
  for (int I = 1999; I >= 0; --I)
    ASSERT_EQ(U.pop(), float(I));
  EXPECT_EQ(U.pop(), 2.0f);
}

} // namespace
