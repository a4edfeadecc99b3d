#pragma once

#include <QTest>

/// QVERIFY that a Result<T> holds a value; on failure its error message is the test's message.
#define VERIFY_OK(expr)                                                                                      \
    do {                                                                                                     \
        const auto& r_ = (expr);                                                                             \
        QVERIFY2(r_.ok(), qPrintable(r_.error().message));                                                   \
    } while (false)
