#include "RetentionFixture.h"

#include "oci/MediaTypes.h"
#include "oci/Reference.h"
#include "retention/RetentionRules.h"

#include <QtTest>

namespace berth::test {

RetentionFixture::RetentionFixture()
{
    m_log = std::make_unique<MaintenanceLog>(service().metadata());
    m_runner = std::make_unique<RetentionRunner>(service(), m_log.get());
}

Blob RetentionFixture::push(const QString& repository, const QString& tag, const QString& seed,
                            const std::optional<Blob>& subject)
{
    const Blob config = blob(QStringLiteral("{\"config\":\"%1\"}").arg(seed).toUtf8());
    const Blob layer = blob(QStringLiteral("layer of %1 ").arg(seed).toUtf8().repeated(10));
    return pushImage(repository, config, {layer}, tag, subject);
}

Blob RetentionFixture::pushIndex(const QString& repository, const QList<Blob>& children, const QString& tag)
{
    const Blob index = indexManifest(children);
    if (!putManifest(repository, index, tag, MediaTypes::OciImageIndex))
        qFatal("could not push an index");
    return index;
}

void RetentionFixture::pull(const QString& repository, const QString& reference)
{
    const std::optional<Digest> digest = Digest::parse(reference);
    const Reference ref = digest ? Reference::fromDigest(*digest) : Reference::fromTag(reference);
    if (!service().getManifest(repository, ref).ok())
        qFatal("could not pull %s", qPrintable(reference));
    service().flushStatistics();
}

RetentionPolicy RetentionFixture::addPolicy(const QString& name, const QJsonObject& rules,
                                            const QString& repository)
{
    RetentionPolicy p;
    p.name = name;
    auto parsed = RetentionRules::fromJson(rules);
    if (!parsed)
        qFatal("bad rules: %s", qPrintable(parsed.error().message));
    p.rules = parsed.value();
    const QString prefix = QStringLiteral("compartment:");
    if (repository.startsWith(prefix))
        p.compartment = *CompartmentPath::parse(repository.mid(prefix.size()));
    else
        p.repository = repository;
    auto created = m_runner->policies().create(p);
    if (!created)
        qFatal("could not create policy %s: %s", qPrintable(name), qPrintable(created.error().message));
    return created.value();
}

QStringList RetentionFixture::deleted(const RetentionPlan& plan, const QString& repository)
{
    QStringList out;
    for (const RepositoryRetentionPlan& r : plan.repositories)
        if (repository.isEmpty() || r.repository == repository)
            for (const RetentionImageDecision& d : r.deleted)
                out << d.digest.toString();
    out.sort();
    return out;
}

QStringList RetentionFixture::kept(const RetentionPlan& plan, const QString& repository)
{
    QStringList out;
    for (const RepositoryRetentionPlan& r : plan.repositories)
        if (repository.isEmpty() || r.repository == repository)
            for (const RetentionImageDecision& d : r.kept)
                out << d.digest.toString();
    out.sort();
    return out;
}

QStringList RetentionFixture::removedTags(const RetentionPlan& plan)
{
    QStringList out;
    for (const RepositoryRetentionPlan& r : plan.repositories)
        for (const RetentionTagRemoval& t : r.removedTags)
            out << t.tag;
    out.sort();
    return out;
}

QString RetentionFixture::ruleOf(const RetentionPlan& plan, const Digest& digest)
{
    for (const RepositoryRetentionPlan& r : plan.repositories) {
        for (const auto* list : {&r.deleted, &r.kept})
            for (const RetentionImageDecision& d : *list)
                if (d.digest == digest)
                    return d.rule;
    }
    return QString();
}

} // namespace berth::test
