#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace berth {

// One HTTP response as the test client received it: status, headers in arrival order, body.
// status is 0 when no response arrived at all (connection refused, reset, timeout); then
// transportError says why.
class RegistryResponse
{
public:
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString transportError;

    // The first value of a header, matched without regard to case; empty when absent.
    QByteArray header(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const;
    // Every value of a header (a header may repeat).
    QList<QByteArray> headerValues(const QByteArray& name) const;

    QJsonDocument json() const;
    // The codes of an OCI error body {"errors":[{"code":...}]}, in order; empty if the body is not one.
    QStringList errorCodes() const;
    // True when the body is an OCI error body whose every entry has a string code and message.
    bool isOciErrorBody() const;
    // The target of the rel="next" entry of the Link header, without the angle brackets; empty if none.
    QString nextLink() const;

    // "404 {"errors":...}" shortened, for failure messages.
    QString describe() const;
    QByteArray describeUtf8() const { return describe().toUtf8(); }
};

} // namespace berth
