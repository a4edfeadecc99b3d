#pragma once

#include <string>
#include <vector>

class HttpConnection;

// Small OCI images for the manifest, tags, catalog, mixed and gc scenarios: a config and one layer blob
// pushed monolithically, and the manifest naming them.
class ImagePusher
{
public:
    static const char* const kManifestType;
    static const char* const kAccept; // OCI and Docker manifests

    struct Image
    {
        std::string manifest;
        std::string digest;
        std::string configDigest;
        std::string layerDigest;
        std::string config;
        std::string layer;
    };

    // A layer of about `layerSize` bytes unique to `salt`, and a config naming it.
    static Image make(const std::string& salt, std::size_t layerSize = 1024);
    // Pushes the image's config and layer into `repository` (not the manifest); throws when refused.
    static void pushBlobs(HttpConnection& connection, const std::string& repository, const Image& image);
    // make() and pushBlobs().
    static Image prepare(HttpConnection& connection, const std::string& repository, const std::string& salt,
                         std::size_t layerSize = 1024);
    // The same image with an annotation, so its manifest (and digest) differs but names the same blobs.
    static Image annotated(const Image& image, const std::string& note);
    // PUT /v2/<repository>/manifests/<reference>; false with `error` set when refused.
    static bool putManifest(HttpConnection& connection, const std::string& repository,
                            const std::string& reference, const Image& image, std::string& error);
    // A string unique to this process and moment, starting with `salt`.
    static std::string salted(const std::string& salt);
};
