# CPack settings for a Debian package: cpack -G DEB --config <build>/CPackConfig.cmake.
# Included from the top-level CMakeLists.txt after cmake/install.cmake, whose install
# rules are what the package holds.

# PAIRINFO_PACKAGE_MAINTAINER (a cache variable) is set in cmake/install.cmake, whose
# changelog names it too.

set(CPACK_PACKAGE_NAME pairinfo)
set(CPACK_PACKAGE_VENDOR "The pairinfo authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline evidence lookup for pairs of health interventions")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_CONTACT ${PAIRINFO_PACKAGE_MAINTAINER})
set(CPACK_STRIP_FILES ON)
# Packages are built from a fresh staging tree; do not let the builder's umask leak into it.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${PAIRINFO_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The long description; CPack puts the summary above it and indents it for the control file.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "pairinfo answers what is known about a pair of health interventions (aesthetic
procedures, hormones, prescription drugs, supplements, lifestyle and
nutrition): how the two interact, how strong the evidence is, and what to
watch for. Its curated knowledge base is compiled in, so it works offline.
.
It prints text for people, JSON for scripts and Markdown for publishing,
checks a whole regimen for known interactions, and lets clinics and
researchers add their own data files in a published, validated format.
.
The information is not medical advice.")
# Depends computed by dpkg-shlibdeps (package dpkg-dev) from the libraries the binary uses.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_GENERATOR DEB)

include(CPack)
