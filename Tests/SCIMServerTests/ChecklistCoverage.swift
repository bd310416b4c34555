/// How each MUST/SHOULD requirement of `Tests/Fixtures/rfc-checklist.md` is covered by this target's tests.
///
/// ``ChecklistCoverageTests`` fails when a normative ID of the checklist is missing here, when an ID here is not in
/// the checklist, or when a referenced test does not exist. Tests are named `Suite/function` (the struct and the
/// function of an `@Test` in `Tests/SCIMServerTests`).
enum ChecklistCoverage {
    /// The coverage of one requirement.
    enum Coverage: Sendable {
        /// Tests over HTTP that prove the requirement, as `Suite/function`.
        case tests([String])
        /// Cannot be tested against this server over HTTP, and why.
        case untestable(String)
        /// The server deliberately answers otherwise, and why.
        case lenient(String)

        /// Tests over HTTP that prove the requirement.
        static func test(_ names: String...) -> Coverage { .tests(names) }
    }

    /// Every normative checklist ID and its coverage, in checklist order.
    static let table: [String: Coverage] = [
        // §2 General protocol (GEN)
        "GEN-01": .test("UserCreateTests/utf8"),
        "GEN-02": .test("ProtocolTests/mediaTypes"),
        "GEN-03": .test("ProtocolTests/mediaTypes"),
        "GEN-04": .test("ProtocolTests/mediaTypes"),
        "GEN-05": .test("ProtocolTests/mediaTypes"),
        "GEN-07": .test("ProtocolTests/baseWithoutQuery", "UserListTests/paging"),
        "GEN-08": .test("ProtocolTests/baseWithoutQuery"),
        "GEN-09": .test("ProtocolTests/versions"),
        "GEN-10": .test("UserCreateTests/caseInsensitiveNames"),
        "GEN-11": .test("DiscoveryTests/rules"),
        "GEN-12": .test("ProtocolTests/anyOrder"),
        "GEN-13": .test("ProtocolTests/nullIsUnassigned"),
        // §3 Authentication (SEC)
        "SEC-01": .test("AuthAndDiscoveryTests/missingToken"),
        "SEC-02": .test("AuthAndDiscoveryTests/wrongToken", "TokenLifecycleTests/expiry"),
        "SEC-03": .test("TokenLifecycleTests/separateCredentials", "TokenLifecycleTests/disabled"),
        "SEC-04": .untestable(
            "there are no self-service subjects: the only SCIM credential is the identity provider's provisioning "
                + "token, which may act on every resource (see ME-01)"),
        "SEC-05": .lenient(
            "the server speaks plain HTTP unless started with --tls-cert/--tls-key (DESIGN §8.14), so the test "
                + "suite and local runs can use loopback HTTP; transport security is the deployer's choice"),
        "SEC-06": .test("TokenLifecycleTests/generateAndRotate", "TokenLifecycleTests/expiry"),
        "SEC-07": .test("AuthAndDiscoveryTests/wrongToken"),
        "SEC-08": .lenient(
            "no attribute is marked sensitive; a filter on the never-returned password is refused with 400 "
                + "invalidFilter instead of 403 sensitive (UserListTests/unsupportedAndMalformedFilters)"),
        "SEC-10": .test("StorageTests/fileDatabase", "UserReplaceTests/password"),
        "SEC-11": .test("AuthAndDiscoveryTests/serviceProviderConfig"),
        // §4 Errors (ERR)
        "ERR-01": .test("ProtocolTests/errorBodies"),
        "ERR-02": .test("ProtocolTests/errorBodies"),
        "ERR-04": .test("ProtocolTests/errorBodies"),
        "ERR-05": .test("UserCreateTests/badBodies", "BulkTests/malformedRequests", "QueryTests/search"),
        "ERR-06": .test("UserCreateTests/badBodies", "HostileCorpusTests/replayCorpus"),
        "ERR-07": .test("ProtocolTests/unknownOperator", "UserListTests/unsupportedAndMalformedFilters"),
        "ERR-08": .test("UserListTests/pageSizeLimits"),
        "ERR-09": .test("UserCreateTests/uniqueness"),
        "ERR-10": .test("ProtocolTests/errorBodies", "UserPatchTests/errors"),
        "ERR-11": .test("ProtocolTests/errorBodies", "UserPatchTests/errors"),
        "ERR-12": .test("ProtocolTests/errorBodies", "UserPatchTests/errors"),
        "ERR-13": .test("ProtocolTests/versions"),
        "ERR-14": .lenient("no attribute is marked sensitive, so 403 sensitive never applies (see SEC-08)"),
        "ERR-15": .test("UserCreateTests/unknownIDs", "AuthAndDiscoveryTests/unknownPathsRequireAuth"),
        "ERR-17": .test("MeTests/notImplemented", "QuirkTests/patchNotImplemented"),
        "ERR-18": .test("ProtocolTests/serverError"),
        // §5 Discovery (DISC)
        "DISC-01": .test("AuthAndDiscoveryTests/serviceProviderConfig"),
        "DISC-02": .test("AuthAndDiscoveryTests/serviceProviderConfig", "BulkTests/advertisedAndAnswered"),
        "DISC-03": .test(
            "AuthAndDiscoveryTests/serviceProviderConfig", "BulkTests/advertisedAndAnswered",
            "UserPatchTests/semantics",
            "QueryTests/sorting", "ETagTests/ifMatch", "UserPatchTests/passwordSync"),
        "DISC-04": .untestable(
            "a rule for clients: id and meta are optional on ServiceProviderConfig and ResourceType; the server "
                + "sends meta anyway (AuthAndDiscoveryTests/serviceProviderConfig)"),
        "DISC-05": .test("DiscoveryTests/consistent"),
        "DISC-06": .test("DiscoveryTests/consistent"),
        "DISC-07": .test("DiscoveryTests/consistent"),
        "DISC-08": .test("DiscoveryTests/consistent"),
        "DISC-09": .test("DiscoveryTests/consistent"),
        "DISC-10": .test("DiscoveryTests/rules"),
        "DISC-11": .test("DiscoveryTests/consistent"),
        "DISC-12": .test("DiscoveryTests/truthful"),
        // §6 Create (CRT)
        "CRT-01": .test("UserCreateTests/create", "GroupTests/oktaCreate"),
        "CRT-02": .test("UserCreateTests/create"),
        "CRT-03": .test("UserCreateTests/create"),
        "CRT-04": .test("ResourceSchemaTests/identifiers", "UserCreateTests/create"),
        "CRT-05": .test("UserCreateTests/create"),
        "CRT-06": .test("BulkTests/advertisedAndAnswered"),
        "CRT-07": .test("GroupTests/oktaCreate", "UserCreateTests/create"),
        "CRT-08": .test("UserCreateTests/create"),
        "CRT-09": .test("UserCreateTests/create"),
        "CRT-10": .test("UserCreateTests/badBodies", "BulkTests/failures"),
        "CRT-11": .test("GroupTests/displayName"),
        "CRT-12": .test("UserCreateTests/badBodies", "ProfileTests/strictPosts"),
        "CRT-13": .test("ProfileTests/strictPosts", "ProfileTests/compatiblePosts"),
        "CRT-15": .test("UserCreateTests/create"),
        "CRT-16": .test("UserCreateTests/create"),
        "CRT-17": .test("UserCreateTests/create"),
        // §7 Read (GET)
        "GET-01": .test("ResourceSchemaTests/read"),
        "GET-02": .test("UserCreateTests/unknownIDs"),
        "GET-03": .test("ResourceSchemaTests/read"),
        "GET-04": .test("ResourceSchemaTests/read"),
        // §8 Replace (PUT)
        "PUT-01": .test("UserReplaceTests/oktaGetThenPut"),
        "PUT-02": .test("UserReplaceTests/errors"),
        "PUT-03": .test("UserReplaceTests/replaceSemantics", "UserReplaceTests/password"),
        "PUT-05": .untestable(
            "no served attribute is immutable at the top level (Group members' sub-attributes are, but PUT "
                + "replaces whole members), and the §21.2 TestResource is not served"),
        "PUT-06": .test("UserReplaceTests/replaceSemantics"),
        "PUT-07": .test("UserReplaceTests/errors"),
        "PUT-08": .test("UserReplaceTests/replaceSemantics"),
        "PUT-09": .test("UserReplaceTests/errors"),
        // §9 Delete (DEL)
        "DEL-01": .test("UserCreateTests/delete", "GroupTests/deletes"),
        "DEL-02": .test("UserCreateTests/delete", "GroupTests/deletes"),
        "DEL-03": .test("UserCreateTests/delete"),
        "DEL-04": .test("UserCreateTests/delete"),
        // §10 Resource schema (SCH)
        "SCH-01": .test("ResourceSchemaTests/schemas"),
        "SCH-02": .test("ResourceSchemaTests/schemas", "UserCreateTests/extensions"),
        "SCH-03": .test("ResourceSchemaTests/identifiers", "UserCreateTests/unknownIDs"),
        "SCH-04": .test("UserCreateTests/create", "UserReplaceTests/replaceSemantics"),
        "SCH-05": .test("UserCreateTests/create"),
        "SCH-06": .test("ResourceSchemaTests/booleans"),
        "SCH-07": .test("ResourceSchemaTests/valueRules"),
        "SCH-08": .test("ResourceSchemaTests/valueRules"),
        "SCH-09": .test("ResourceSchemaTests/booleans"),
        "SCH-10": .test("ResourceSchemaTests/duplicateValues"),
        "SCH-11": .lenient(
            "values are kept exactly as provisioned (DESIGN §5: what the identity provider set is what it reads "
                + "back); canonicalisation is a SHOULD the server deliberately does not apply"),
        "SCH-12": .test("ResourceSchemaTests/fullUser"),
        "SCH-13": .test("UserPatchTests/passwordSync", "UserCreateTests/create", "QueryTests/projection"),
        "SCH-15": .test("GroupTests/userGroups"),
        "SCH-16": .test("GroupTests/members"),
        "SCH-18": .test("ResourceSchemaTests/manager"),
        "SCH-19": .test("UserCreateTests/create", "FilterTests/valuesAndTimes"),
        "SCH-20": .lenient(
            "addresses.country is stored as provisioned; ISO 3166-1 validation is only recommended (REC in the "
                + "checklist) and not applied in either profile"),
        "SCH-22": .test("ResourceSchemaTests/noNestedComplex"),
        // §11 Uniqueness (UNQ)
        "UNQ-01": .test("UserCreateTests/uniqueness"),
        "UNQ-02": .test("UserCreateTests/uniqueness"),
        "UNQ-03": .lenient(
            "userName comparison folds letter case but applies no PRECIS width mapping (RFC 8265), so a fullwidth "
                + "variant is a different userName; the checklist grades this WARN when unsupported"),
        "UNQ-04": .test("UserPatchTests/atomicity", "UserReplaceTests/errors"),
        "UNQ-05": .test("ResourceSchemaTests/sharedExternalId"),
        "UNQ-06": .test("GroupTests/displayName"),
        // §12 Lists (LST)
        "LST-01": .test("UserListTests/empty"),
        "LST-02": .test("UserListTests/empty", "UserListTests/paging"),
        "LST-03": .test("UserListTests/empty", "UserListTests/userNameFilter"),
        "LST-04": .test("UserListTests/empty"),
        "LST-05": .test("UserListTests/paging"),
        "LST-06": .test("UserListTests/paging"),
        "LST-07": .test("UserListTests/paging", "UserListTests/pageSizeLimits"),
        "LST-08": .test("UserListTests/paging"),
        "LST-09": .test("UserListTests/pageSizeLimits"),
        "LST-10": .test("UserListTests/paging"),
        "LST-14": .test("FilterTests/rootSearch"),
        // §13 Filters (FILT)
        "FILT-02": .test("FilterTests/users", "UserListTests/userNameFilter"),
        "FILT-03": .test("FilterTests/users"),
        "FILT-04": .test("UserListTests/unsupportedAndMalformedFilters"),
        "FILT-05": .test("UserListTests/unsupportedAndMalformedFilters"),
        "FILT-06": .test("FilterTests/users", "UserListTests/userNameFilter"),
        "FILT-07": .test("FilterTests/users", "FilterTests/valuesAndTimes"),
        "FILT-08": .test("FilterTests/users"),
        "FILT-09": .test("FilterTests/users"),
        "FILT-10": .test("FilterTests/users"),
        "FILT-11": .test("FilterTests/users"),
        "FILT-12": .test("FilterTests/users"),
        "FILT-13": .test("FilterTests/users"),
        "FILT-14": .test("UserListTests/unsupportedAndMalformedFilters"),
        "FILT-15": .test("FilterTests/users", "FilterTests/valuesAndTimes"),
        "FILT-16": .test("FilterTests/users", "FilterTests/valuesAndTimes"),
        "FILT-17": .test("FilterTests/users"),
        "FILT-19": .test("FilterTests/users", "FilterTests/groups"),
        "FILT-20": .test("FilterTests/users"),
        "FILT-21": .test("FilterTests/users", "FilterTests/groups"),
        "FILT-22": .test("FilterTests/users", "UserListTests/unsupportedAndMalformedFilters"),
        "FILT-23": .test("FilterTests/users"),
        "FILT-24": .test("FilterTests/users"),
        "FILT-26": .test("FilterTests/users"),
        "FILT-27": .test("FilterTests/users"),
        "FILT-29": .test("FilterTests/users", "FilterTests/groups"),
        "FILT-30": .test("FilterTests/valuesAndTimes"),
        "FILT-31": .test("FilterTests/users", "FilterTests/strict"),
        "FILT-33": .test("ProtocolTests/unknownOperator"),
        "FILT-35": .test("ResourceSchemaTests/defaultedFilter"),
        // §14 Sorting (SORT)
        "SORT-02": .test("QueryTests/sorting"),
        "SORT-03": .test("QueryTests/sorting"),
        "SORT-04": .test("QueryTests/sorting"),
        "SORT-05": .test("QueryTests/sortCase"),
        "SORT-06": .test("QueryTests/sorting"),
        "SORT-07": .test("QueryTests/sorting"),
        "SORT-08": .test("QueryTests/sorting"),
        // §15 Projection (ATTR)
        "ATTR-01": .test("QueryTests/projection"),
        "ATTR-02": .test("QueryTests/projection"),
        "ATTR-03": .test("QueryTests/projection"),
        "ATTR-04": .test("QueryTests/projection"),
        "ATTR-05": .test("QueryTests/projection"),
        "ATTR-06": .test("QueryTests/projection"),
        "ATTR-07": .test("QueryTests/projection", "GroupTests/entraMembers"),
        "ATTR-08": .test("QueryTests/projection"),
        "ATTR-09": .untestable(
            "no served attribute is returned:request (DiscoveryTests/truthful lists the schemas), and the §21.2 "
                + "TestResource is not served"),
        "ATTR-10": .test("QueryTests/projection", "GroupTests/oktaRename"),
        "ATTR-11": .test("QueryTests/projection"),
        "ATTR-13": .test("QueryTests/projection"),
        // §16 .search (SRCH)
        "SRCH-01": .test("QueryTests/search"),
        "SRCH-02": .test("QueryTests/search"),
        "SRCH-04": .test("QueryTests/search"),
        "SRCH-05": .test("QueryTests/search"),
        // §17 PATCH
        "PATCH-01": .test("AuthAndDiscoveryTests/serviceProviderConfig", "UserPatchTests/semantics"),
        "PATCH-02": .test("UserPatchTests/errors", "UserPatchTests/strictProfile"),
        "PATCH-03": .test("UserPatchTests/errors"),
        "PATCH-04": .test("UserPatchTests/errors", "UserPatchTests/entraShapes"),
        "PATCH-05": .test("UserPatchTests/semantics"),
        "PATCH-06": .test("UserPatchTests/atomicity"),
        "PATCH-07": .test("UserPatchTests/oktaDeactivate", "GroupTests/oktaRename", "QueryTests/projection"),
        "PATCH-08": .test("UserPatchTests/errors"),
        "PATCH-09": .test("UserPatchTests/semantics"),
        "PATCH-10": .test("UserPatchTests/semantics", "GroupTests/oktaMembershipPatch"),
        "PATCH-11": .test("UserPatchTests/semantics"),
        "PATCH-12": .test("UserPatchTests/semantics"),
        "PATCH-14": .test("UserPatchTests/semantics"),
        "PATCH-15": .test("UserPatchTests/errors"),
        "PATCH-16": .test("UserPatchTests/removals"),
        "PATCH-17": .test("UserPatchTests/errors"),
        "PATCH-18": .test("GroupTests/patchEdges"),
        "PATCH-19": .test("GroupTests/oktaMembershipPatch"),
        "PATCH-20": .test("GroupTests/patchEdges"),
        "PATCH-21": .test("UserPatchTests/removals"),
        "PATCH-22": .test("UserPatchTests/removals"),
        "PATCH-23": .test("UserPatchTests/semantics"),
        "PATCH-24": .test("UserPatchTests/oktaDeactivate"),
        "PATCH-25": .test("UserPatchTests/semantics"),
        "PATCH-26": .test("UserPatchTests/semantics"),
        "PATCH-27": .test("GroupTests/replaceMembers"),
        "PATCH-28": .test("UserPatchTests/semantics"),
        "PATCH-29": .test("UserPatchTests/semantics"),
        "PATCH-30": .test("UserPatchTests/semantics"),
        "PATCH-31": .test("UserPatchTests/errors", "UserPatchTests/strictProfile"),
        "PATCH-32": .test("UserPatchTests/semantics"),
        "PATCH-33": .test("UserPatchTests/errors", "GroupTests/patchEdges"),
        "PATCH-34": .test("UserPatchTests/errors"),
        "PATCH-35": .test("UserPatchTests/errors"),
        "PATCH-36": .test("UserPatchTests/errors", "UserPatchTests/strictProfile"),
        "PATCH-37": .test("UserPatchTests/semantics"),
        "PATCH-38": .test("UserPatchTests/semantics", "UserPatchTests/removals"),
        "PATCH-39": .test("UserPatchTests/semantics"),
        "PATCH-40": .test("UserPatchTests/atomicity"),
        "PATCH-41": .test("UserPatchTests/oktaDeactivate", "ETagTests/headers"),
        "PATCH-43": .lenient(
            "schemas is derived from the extension data present (SCH-02), so a PATCH replacing schemas alone changes "
                + "nothing; removing the extension's data removes its URN (ResourceSchemaTests/patchSchemas)"),
        // §18 ETags (ETAG)
        "ETAG-01": .test("ETagTests/headers", "UserCreateTests/create"),
        "ETAG-02": .test("ETagTests/headers"),
        "ETAG-03": .test("ETagTests/headers"),
        "ETAG-04": .test("ETagTests/notModified"),
        "ETAG-05": .test("ETagTests/ifMatch"),
        "ETAG-09": .test("BulkTests/failures"),
        // §19 Bulk (BULK)
        "BULK-02": .test("BulkTests/advertisedAndAnswered"),
        "BULK-03": .test("BulkTests/failures", "BulkTests/malformedRequests"),
        "BULK-04": .test("BulkTests/failures"),
        "BULK-05": .test("BulkTests/failOnErrors"),
        "BULK-06": .test("BulkTests/advertisedAndAnswered", "BulkTests/failures"),
        "BULK-07": .test("BulkTests/advertisedAndAnswered"),
        "BULK-08": .test("BulkTests/references"),
        "BULK-09": .test("BulkTests/references"),
        "BULK-10": .test("BulkTests/circularReferences"),
        "BULK-12": .test("BulkTests/limits"),
        "BULK-13": .test("BulkTests/failures", "BulkTests/ninjaOneAccounts"),
        // §20 /Me (ME)
        "ME-01": .test("MeTests/notImplemented"),
        "ME-03": .test("MeTests/notImplemented"),
    ]
}
