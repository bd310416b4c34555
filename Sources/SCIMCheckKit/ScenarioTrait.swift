/// A fact about a scenario, declared as a value: spec references, level, tags, needs and caveats.
///
/// Traits are data, so `scimcheck list` and the reports show them without running anything. They read
/// like swift-testing's: `.spec(.rfc7644("3.4.2"))`, `.level(.should)`, `.tags("users")`.
public struct ScenarioTrait: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case spec(SpecReference)
        case level(RequirementLevel)
        case tags([String])
        case requires(Capability)
        case writes
        case adminAPI
        case oktaInferred(String)
        case note(String)
    }

    let kind: Kind

    /// The scenario checks what this specification section says.
    public static func spec(_ reference: SpecReference) -> ScenarioTrait { ScenarioTrait(kind: .spec(reference)) }

    /// The default requirement level of the scenario's checks (MUST unless said otherwise).
    public static func level(_ level: RequirementLevel) -> ScenarioTrait { ScenarioTrait(kind: .level(level)) }

    /// Free-form tags for selection and reports.
    public static func tags(_ tags: String...) -> ScenarioTrait { ScenarioTrait(kind: .tags(tags)) }

    /// The scenario needs a capability; when `/ServiceProviderConfig` does not advertise it, the outcome is
    /// `unsupported` (DESIGN §8.6).
    public static func requires(_ capability: Capability) -> ScenarioTrait {
        ScenarioTrait(kind: .requires(capability))
    }

    /// The scenario creates or changes resources; against a non-loopback target it runs only with
    /// `--allow-writes`.
    public static var writes: ScenarioTrait { ScenarioTrait(kind: .writes) }

    /// The scenario reads or changes the target through its admin API (``RunContext/admin``); against a
    /// target without one (anything but the embedded reference server) the outcome is `unsupported`.
    public static var adminAPI: ScenarioTrait { ScenarioTrait(kind: .adminAPI) }

    /// The scenario reproduces an Okta shape the research marks inferred; the text says which, and the
    /// `--okta-option` that switches it when there is one.
    public static func oktaInferred(_ what: String) -> ScenarioTrait { ScenarioTrait(kind: .oktaInferred(what)) }

    /// A remark shown with the scenario, such as how it differs from the tool it reproduces.
    public static func note(_ text: String) -> ScenarioTrait { ScenarioTrait(kind: .note(text)) }
}

/// The traits of a scenario, resolved into fields.
public struct ScenarioTraits: Sendable, Hashable, Codable {
    /// Specification sections the scenario checks.
    public var specs: [SpecReference] = []
    /// The default level of its checks.
    public var level: RequirementLevel = .must
    /// Its tags.
    public var tags: [String] = []
    /// Capabilities it needs.
    public var requires: [Capability] = []
    /// Whether it creates or changes resources.
    public var writes = false
    /// Whether it needs the target's admin API.
    public var adminAPI = false
    /// Okta shapes it reproduces that the research marks inferred.
    public var oktaInferred: [String] = []
    /// Remarks.
    public var notes: [String] = []

    private enum CodingKeys: String, CodingKey {
        case specs, level, tags, requires, writes, adminAPI, oktaInferred, notes
    }

    /// Decodes traits; reports written before `adminAPI` existed read as not needing it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        specs = try container.decode([SpecReference].self, forKey: .specs)
        level = try container.decode(RequirementLevel.self, forKey: .level)
        tags = try container.decode([String].self, forKey: .tags)
        requires = try container.decode([Capability].self, forKey: .requires)
        writes = try container.decode(Bool.self, forKey: .writes)
        adminAPI = try container.decodeIfPresent(Bool.self, forKey: .adminAPI) ?? false
        oktaInferred = try container.decode([String].self, forKey: .oktaInferred)
        notes = try container.decode([String].self, forKey: .notes)
    }

    /// Resolves a list of traits; later level traits win.
    public init(_ traits: [ScenarioTrait] = []) {
        for trait in traits {
            switch trait.kind {
            case .spec(let reference): specs.append(reference)
            case .level(let level): self.level = level
            case .tags(let tags): self.tags += tags
            case .requires(let capability): requires.append(capability)
            case .writes: writes = true
            case .adminAPI: adminAPI = true
            case .oktaInferred(let text): oktaInferred.append(text)
            case .note(let text): notes.append(text)
            }
        }
    }
}
