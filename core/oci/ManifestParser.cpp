#include "oci/ManifestParser.h"

#include "oci/MediaTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <cmath>

namespace berth {

namespace {

// Integers above 2^53 cannot be told apart in a JSON double; nothing real is that large.
constexpr double MaxExactJsonInteger = 9007199254740992.0;

Error invalid(const QString& message, const QString& field = QString())
{
    QJsonValue detail;
    if (!field.isEmpty())
        detail = QJsonObject{{QStringLiteral("field"), field}};
    return Error(ErrorCode::ManifestInvalid, message, detail);
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

bool isSchema1(const QString& mediaType)
{
    return mediaType == MediaTypes::DockerManifestV1 || mediaType == MediaTypes::DockerManifestV1Signed;
}

Error schema1Error(const QString& where)
{
    return invalid(QStringLiteral("Docker schema 1 manifests are not supported (%1); push the image again "
                                  "as Docker schema 2 or OCI")
                       .arg(where),
                   QStringLiteral("mediaType"));
}

/// Reads an optional string field; fails when it is present but not a string.
std::optional<Error> optionalString(const QJsonObject& o, const QString& key, const QString& path,
                                    QString& out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isString())
        return invalid(QStringLiteral("%1 must be a string, not %2").arg(path, typeName(v)), path);
    out = v.toString();
    return std::nullopt;
}

std::optional<Error> optionalStringList(const QJsonObject& o, const QString& key, const QString& path,
                                        QStringList* out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isArray())
        return invalid(QStringLiteral("%1 must be an array of strings, not %2").arg(path, typeName(v)), path);
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString()) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            return invalid(QStringLiteral("%1 must be a string, not %2").arg(itemPath, typeName(a.at(i))),
                           itemPath);
        }
        if (out)
            out->append(a.at(i).toString());
    }
    return std::nullopt;
}

std::optional<Error> parseAnnotations(const QJsonObject& o, const QString& path, QJsonObject& out)
{
    const QJsonValue v = o.value(QStringLiteral("annotations"));
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isObject())
        return invalid(QStringLiteral("%1 must be an object of strings, not %2").arg(path, typeName(v)),
                       path);
    const QJsonObject a = v.toObject();
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!it.value().isString()) {
            const QString keyPath = QStringLiteral("%1[\"%2\"]").arg(path, it.key());
            return invalid(QStringLiteral("%1 must be a string, not %2").arg(keyPath, typeName(it.value())),
                           keyPath);
        }
    }
    out = a;
    return std::nullopt;
}

std::optional<Error> parsePlatform(const QJsonValue& v, const QString& path, Platform& out)
{
    if (!v.isObject())
        return invalid(QStringLiteral("%1 must be an object, not %2").arg(path, typeName(v)), path);
    const QJsonObject o = v.toObject();
    for (const char* key : {"architecture", "os"}) {
        const QString k = QString::fromLatin1(key);
        const QString fieldPath = path + u'.' + k;
        const QJsonValue f = o.value(k);
        if (f.isUndefined())
            return invalid(
                QStringLiteral("%1 is missing; a platform needs both architecture and os").arg(fieldPath),
                fieldPath);
        if (!f.isString())
            return invalid(QStringLiteral("%1 must be a string, not %2").arg(fieldPath, typeName(f)),
                           fieldPath);
    }
    out.architecture = o.value(QStringLiteral("architecture")).toString();
    out.os = o.value(QStringLiteral("os")).toString();
    if (auto e = optionalString(o, QStringLiteral("os.version"), path + QStringLiteral(".os.version"),
                                out.osVersion))
        return e;
    if (auto e = optionalStringList(o, QStringLiteral("os.features"), path + QStringLiteral(".os.features"),
                                    &out.osFeatures))
        return e;
    if (auto e = optionalString(o, QStringLiteral("variant"), path + QStringLiteral(".variant"), out.variant))
        return e;
    return std::nullopt;
}

std::optional<Error> parseDescriptor(const QJsonValue& v, const QString& path, Descriptor& out)
{
    if (!v.isObject())
        return invalid(QStringLiteral("%1 must be a descriptor object, not %2").arg(path, typeName(v)), path);
    const QJsonObject o = v.toObject();

    // mediaType: required string
    const QString mtPath = path + QStringLiteral(".mediaType");
    const QJsonValue mt = o.value(QStringLiteral("mediaType"));
    if (mt.isUndefined())
        return invalid(QStringLiteral("%1 is missing; every descriptor needs a mediaType").arg(mtPath),
                       mtPath);
    if (!mt.isString())
        return invalid(QStringLiteral("%1 must be a string, not %2").arg(mtPath, typeName(mt)), mtPath);
    if (mt.toString().isEmpty())
        return invalid(QStringLiteral("%1 is empty; every descriptor needs a mediaType").arg(mtPath), mtPath);
    out.mediaType = mt.toString();

    // digest: required, registered algorithm
    const QString dPath = path + QStringLiteral(".digest");
    const QJsonValue d = o.value(QStringLiteral("digest"));
    if (d.isUndefined())
        return invalid(QStringLiteral("%1 is missing; every descriptor needs a digest").arg(dPath), dPath);
    if (!d.isString())
        return invalid(QStringLiteral("%1 must be a string, not %2").arg(dPath, typeName(d)), dPath);
    const QString digestText = d.toString();
    auto digest = Digest::parse(digestText);
    if (!digest) {
        if (Digest::isWellFormed(digestText) && !digestText.startsWith(QLatin1String("sha256:")) &&
            !digestText.startsWith(QLatin1String("sha512:")))
            return invalid(QStringLiteral("%1 \"%2\" uses an unsupported algorithm; only sha256 and sha512 "
                                          "are accepted")
                               .arg(dPath, digestText),
                           dPath);
        return invalid(
            QStringLiteral("%1 \"%2\" is not a valid digest; expected sha256: and 64 lowercase hex "
                           "digits, or sha512: and 128")
                .arg(dPath, digestText),
            dPath);
    }
    out.digest = std::move(*digest);

    // size: required non-negative integer
    const QString sPath = path + QStringLiteral(".size");
    const QJsonValue s = o.value(QStringLiteral("size"));
    if (s.isUndefined())
        return invalid(QStringLiteral("%1 is missing; every descriptor needs a size").arg(sPath), sPath);
    if (!s.isDouble())
        return invalid(QStringLiteral("%1 must be a number, not %2").arg(sPath, typeName(s)), sPath);
    const double size = s.toDouble();
    if (size < 0)
        return invalid(QStringLiteral("%1 is negative (%2); a size must be 0 or more")
                           .arg(sPath, QString::number(size, 'g', 17)),
                       sPath);
    if (size > MaxExactJsonInteger)
        return invalid(QStringLiteral("%1 (%2) is too large").arg(sPath, QString::number(size, 'g', 17)),
                       sPath);
    if (std::floor(size) != size)
        return invalid(QStringLiteral("%1 (%2) is not a whole number of bytes")
                           .arg(sPath, QString::number(size, 'g', 17)),
                       sPath);
    out.size = static_cast<qint64>(size);

    if (auto e = optionalString(o, QStringLiteral("artifactType"), path + QStringLiteral(".artifactType"),
                                out.artifactType))
        return e;
    if (auto e = optionalStringList(o, QStringLiteral("urls"), path + QStringLiteral(".urls"), nullptr))
        return e;
    QString data;
    if (auto e = optionalString(o, QStringLiteral("data"), path + QStringLiteral(".data"), data))
        return e;
    const QJsonValue platform = o.value(QStringLiteral("platform"));
    if (!platform.isUndefined()) {
        Platform p;
        if (auto e = parsePlatform(platform, path + QStringLiteral(".platform"), p))
            return e;
        out.platform = std::move(p);
    }
    if (auto e = parseAnnotations(o, path + QStringLiteral(".annotations"), out.annotations))
        return e;
    return std::nullopt;
}

std::optional<Error> parseDescriptorArray(const QJsonObject& root, const QString& key, QList<Descriptor>& out)
{
    const QJsonArray a = root.value(key).toArray();
    out.reserve(a.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        Descriptor d;
        if (auto e = parseDescriptor(a.at(i), QStringLiteral("%1[%2]").arg(key).arg(i), d))
            return e;
        out.append(std::move(d));
    }
    return std::nullopt;
}

bool isContainerConfig(const QString& mediaType)
{
    return mediaType == MediaTypes::OciImageConfig || mediaType == MediaTypes::DockerContainerConfig;
}

} // namespace

Result<Manifest> ManifestParser::parse(QByteArrayView bytes, const QString& contentType)
{
    if (bytes.size() > MaxManifestSize)
        return Error(ErrorCode::TooLarge,
                     QStringLiteral("the manifest is %1 bytes; the largest accepted is %2 bytes (4 MiB)")
                         .arg(bytes.size())
                         .arg(MaxManifestSize));
    if (bytes.trimmed().isEmpty())
        return invalid(QStringLiteral("the manifest is empty; expected a JSON object"));

    const QString declaredContentType = MediaTypes::normalize(contentType);
    if (isSchema1(declaredContentType))
        return schema1Error(QStringLiteral("Content-Type is %1").arg(declaredContentType));

    // Qt's parser only takes objects and arrays at the top; say so plainly for anything else.
    const char first = bytes.trimmed().front();
    if (first != '{' && first != '[') {
        if (first >= 0x21 && first <= 0x7e)
            return invalid(QStringLiteral("the manifest must be a JSON object; it starts with '%1'")
                               .arg(QLatin1Char(first)));
        return invalid(QStringLiteral("the manifest must be a JSON object; it does not start with '{'"));
    }

    QJsonParseError parseError{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("the manifest is not valid JSON: %1 at byte offset %2")
                           .arg(parseError.errorString())
                           .arg(parseError.offset));
    if (!doc.isObject())
        return invalid(QStringLiteral("the manifest must be a JSON object, not %1")
                           .arg(doc.isArray() ? QStringLiteral("an array") : QStringLiteral("a scalar")));
    const QJsonObject root = doc.object();

    // mediaType (read before schemaVersion so that schema 1 gets its own message)
    Manifest m;
    const QJsonValue mtValue = root.value(QStringLiteral("mediaType"));
    if (!mtValue.isUndefined()) {
        if (!mtValue.isString())
            return invalid(QStringLiteral("mediaType must be a string, not %1").arg(typeName(mtValue)),
                           QStringLiteral("mediaType"));
        const QString declared = mtValue.toString();
        if (isSchema1(declared))
            return schema1Error(QStringLiteral("mediaType is %1").arg(declared));
        if (!MediaTypes::isManifestType(declared))
            return invalid(
                QStringLiteral("mediaType \"%1\" is not a manifest media type; expected %2, %3, %4 "
                               "or %5")
                    .arg(declared, MediaTypes::OciImageManifest, MediaTypes::OciImageIndex,
                         MediaTypes::DockerManifest, MediaTypes::DockerManifestList),
                QStringLiteral("mediaType"));
        if (MediaTypes::isManifestType(declaredContentType) && declaredContentType != declared)
            return invalid(
                QStringLiteral("mediaType \"%1\" does not match the Content-Type \"%2\"; they must "
                               "be the same")
                    .arg(declared, declaredContentType),
                QStringLiteral("mediaType"));
        m.mediaType = declared;
        m.mediaTypeDeclared = true;
    }

    // schemaVersion: must be the number 2
    const QJsonValue sv = root.value(QStringLiteral("schemaVersion"));
    if (sv.isUndefined())
        return invalid(QStringLiteral("schemaVersion is missing; it must be 2"),
                       QStringLiteral("schemaVersion"));
    if (!sv.isDouble())
        return invalid(QStringLiteral("schemaVersion must be the number 2, not %1").arg(typeName(sv)),
                       QStringLiteral("schemaVersion"));
    if (sv.toDouble() == 1.0)
        return invalid(QStringLiteral("schemaVersion is 1: Docker schema 1 manifests are not supported; push "
                                      "the image again as Docker schema 2 or OCI"),
                       QStringLiteral("schemaVersion"));
    if (sv.toDouble() != 2.0)
        return invalid(
            QStringLiteral("schemaVersion is %1; it must be 2").arg(QString::number(sv.toDouble())),
            QStringLiteral("schemaVersion"));

    // Without a declared mediaType: the Content-Type, else the document's shape.
    if (!m.mediaTypeDeclared) {
        if (MediaTypes::isManifestType(declaredContentType)) {
            m.mediaType = declaredContentType;
        } else if (root.contains(QStringLiteral("manifests"))) {
            m.mediaType = MediaTypes::OciImageIndex;
        } else if (root.contains(QStringLiteral("config"))) {
            m.mediaType = MediaTypes::OciImageManifest;
        } else {
            return invalid(
                QStringLiteral("cannot tell what kind of manifest this is: it has no mediaType, the "
                               "Content-Type is not a manifest type, and it has neither a config "
                               "nor a manifests field"),
                QStringLiteral("mediaType"));
        }
    }
    m.kind = MediaTypes::isIndexType(m.mediaType) ? ManifestKind::Index : ManifestKind::Image;

    // Top-level artifactType and annotations
    if (auto e = optionalString(root, QStringLiteral("artifactType"), QStringLiteral("artifactType"),
                                m.artifactType))
        return *e;
    if (auto e = parseAnnotations(root, QStringLiteral("annotations"), m.annotations))
        return *e;

    if (m.kind == ManifestKind::Image) {
        if (root.contains(QStringLiteral("manifests")))
            return invalid(
                QStringLiteral("an image manifest (%1) must not have a manifests field; that belongs "
                               "to an index")
                    .arg(m.mediaType),
                QStringLiteral("manifests"));
        const QJsonValue config = root.value(QStringLiteral("config"));
        if (config.isUndefined())
            return invalid(QStringLiteral("config is missing; an image manifest needs a config descriptor"),
                           QStringLiteral("config"));
        Descriptor c;
        if (auto e = parseDescriptor(config, QStringLiteral("config"), c))
            return *e;
        m.config = std::move(c);

        const QJsonValue layers = root.value(QStringLiteral("layers"));
        if (layers.isUndefined()) {
            // Artifacts may leave layers out; a container image may not.
            if (m.artifactType.isEmpty() && isContainerConfig(m.config->mediaType))
                return invalid(QStringLiteral("layers is missing; an image manifest needs a layers array"),
                               QStringLiteral("layers"));
        } else if (!layers.isArray()) {
            return invalid(QStringLiteral("layers must be an array, not %1").arg(typeName(layers)),
                           QStringLiteral("layers"));
        } else if (auto e = parseDescriptorArray(root, QStringLiteral("layers"), m.layers)) {
            return *e;
        }
    } else {
        for (const char* key : {"config", "layers"}) {
            const QString k = QString::fromLatin1(key);
            if (root.contains(k))
                return invalid(
                    QStringLiteral("an index (%1) must not have a %2 field; that belongs to an image "
                                   "manifest")
                        .arg(m.mediaType, k),
                    k);
        }
        const QJsonValue manifests = root.value(QStringLiteral("manifests"));
        if (manifests.isUndefined())
            return invalid(QStringLiteral("manifests is missing; an index needs a manifests array"),
                           QStringLiteral("manifests"));
        if (!manifests.isArray())
            return invalid(QStringLiteral("manifests must be an array, not %1").arg(typeName(manifests)),
                           QStringLiteral("manifests"));
        if (auto e = parseDescriptorArray(root, QStringLiteral("manifests"), m.manifests))
            return *e;
    }

    const QJsonValue subject = root.value(QStringLiteral("subject"));
    if (!subject.isUndefined()) {
        Descriptor s;
        if (auto e = parseDescriptor(subject, QStringLiteral("subject"), s))
            return *e;
        m.subject = std::move(s);
    }
    return m;
}

} // namespace berth
