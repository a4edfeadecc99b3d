#include "audit/AuditChain.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>

namespace berth::AuditChain {

namespace {

void appendInt64(QByteArray& out, qint64 value)
{
    char bytes[8];
    qToBigEndian(value, bytes);
    out.append(bytes, sizeof bytes);
}

void appendBytes(QByteArray& out, const QByteArray& value)
{
    char bytes[4];
    qToBigEndian(static_cast<quint32>(value.size()), bytes);
    out.append(bytes, sizeof bytes);
    out.append(value);
}

} // namespace

QString genesisHash()
{
    return QString(64, u'0');
}

QByteArray canonicalEncoding(const AuditRecord& record, const QByteArray& detailsJson)
{
    QByteArray out;
    out.reserve(128 + record.actor.size() + record.clientAddress.size() + record.action.size() +
                record.target.size() + record.reason.size() + detailsJson.size());
    out.append("berth-audit-record-v1");
    appendBytes(out, record.previousHash.toLatin1());
    appendInt64(out, record.sequence);
    appendInt64(out, record.time.toMSecsSinceEpoch());
    appendBytes(out, record.actor.toUtf8());
    appendBytes(out, record.clientAddress.toUtf8());
    appendBytes(out, record.action.toUtf8());
    appendBytes(out, record.target.toUtf8());
    appendBytes(out, AuditRecord::decisionName(record.decision).toUtf8());
    appendBytes(out, record.reason.toUtf8());
    appendBytes(out, detailsJson);
    return out;
}

QString hash(const AuditRecord& record, const QByteArray& detailsJson)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalEncoding(record, detailsJson), QCryptographicHash::Sha256).toHex());
}

QByteArray detailsText(const QJsonObject& details)
{
    return QJsonDocument(details).toJson(QJsonDocument::Compact);
}

bool isWellFormedHash(const QString& hash)
{
    if (hash.size() != 64)
        return false;
    for (QChar c : hash) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

} // namespace berth::AuditChain
