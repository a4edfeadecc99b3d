#pragma once

// Check macros shared by the conformance tests. Every failure message carries the status and body
// the registry actually sent.

#include "support/RegistryResponse.h"

#include <QtTest>

// The response has exactly this status.
#define CONFORM_STATUS(response, expected)                                                                   \
    do {                                                                                                     \
        const berth::RegistryResponse& r_ = (response);                                                      \
        QVERIFY2(r_.status == (expected),                                                                    \
                 qPrintable(QStringLiteral("expected %1, got %2").arg(expected).arg(r_.describe())));        \
    } while (false)

// The response has this status and an OCI error body whose codes include this one.
#define CONFORM_ERROR(response, expectedStatus, expectedCode)                                                \
    do {                                                                                                     \
        const berth::RegistryResponse& r_ = (response);                                                      \
        QVERIFY2(r_.status == (expectedStatus) && r_.isOciErrorBody() &&                                     \
                     r_.errorCodes().contains(QStringLiteral(expectedCode)),                                 \
                 qPrintable(QStringLiteral("expected %1 %2, got %3")                                         \
                                .arg(expectedStatus)                                                         \
                                .arg(QStringLiteral(expectedCode), r_.describe())));                         \
    } while (false)

// A header has exactly this value.
#define CONFORM_HEADER(response, name, expected)                                                             \
    do {                                                                                                     \
        const berth::RegistryResponse& r_ = (response);                                                      \
        QVERIFY2(r_.header(name) == QByteArray(expected),                                                    \
                 qPrintable(QStringLiteral("header %1: expected \"%2\", got \"%3\" in %4")                   \
                                .arg(QString::fromLatin1(name), QString::fromUtf8(QByteArray(expected)),     \
                                     QString::fromUtf8(r_.header(name)), r_.describe())));                   \
    } while (false)

// A header is present (and not empty).
#define CONFORM_HAS_HEADER(response, name)                                                                   \
    do {                                                                                                     \
        const berth::RegistryResponse& r_ = (response);                                                      \
        QVERIFY2(                                                                                            \
            !r_.header(name).isEmpty(),                                                                      \
            qPrintable(QStringLiteral("no %1 header in %2").arg(QString::fromLatin1(name), r_.describe()))); \
    } while (false)
