#include "integrity/ScrubReport.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace berth {

namespace {

QJsonArray copies(const QList<ScrubReport::Copy>& list, int cap)
{
    QJsonArray out;
    for (const auto& c : list) {
        if (out.size() >= cap)
            break;
        QJsonObject o{{QStringLiteral("digest"), c.digest.toString()},
                      {QStringLiteral("domain"), c.domain},
                      {QStringLiteral("problem"), c.problem}};
        if (!c.error.isEmpty())
            o.insert(QStringLiteral("error"), c.error);
        out.append(o);
    }
    return out;
}

} // namespace

QJsonObject ScrubReport::toJson(int cap) const
{
    QJsonArray lost;
    for (const Lost& l : unrepairable) {
        if (lost.size() >= cap)
            break;
        lost.append(QJsonObject{{QStringLiteral("digest"), l.digest.toString()},
                                {QStringLiteral("repositories"), QJsonArray::fromStringList(l.repositories)},
                                {QStringLiteral("manifests"), QJsonArray::fromStringList(l.manifests)}});
    }
    return QJsonObject{
        {QStringLiteral("domains"), QJsonArray::fromStringList(domains)},
        {QStringLiteral("blobsChecked"), blobsChecked},
        {QStringLiteral("copiesChecked"), copiesChecked},
        {QStringLiteral("bytesHashed"), bytesHashed},
        {QStringLiteral("repairedCount"), repaired.size()},
        {QStringLiteral("repaired"), copies(repaired, cap)},
        {QStringLiteral("notRepairedCount"), notRepaired.size()},
        {QStringLiteral("notRepaired"), copies(notRepaired, cap)},
        {QStringLiteral("unrepairableCount"), unrepairable.size()},
        {QStringLiteral("unrepairable"), lost},
        {QStringLiteral("cancelled"), cancelled},
    };
}

QString ScrubReport::summary() const
{
    return QCoreApplication::translate(
               "ScrubReport", "Checked %1 copies of %2 blobs (%3 bytes hashed); repaired %4, could not "
                              "repair %5, %6 blobs have no good copy left")
        .arg(copiesChecked)
        .arg(blobsChecked)
        .arg(bytesHashed)
        .arg(repaired.size())
        .arg(notRepaired.size())
        .arg(unrepairable.size());
}

} // namespace berth
