/// One HTTP header field as a name and a value, in the order it was given.
public struct HTTPHeader: Sendable, Hashable, Codable {
    /// The field name, spelled as sent.
    public var name: String
    /// The field value.
    public var value: String

    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HTTPHeader {
    /// The value of the first field named `name`, compared without regard to case.
    public func first(named name: String) -> String? {
        first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every value of the fields named `name`, compared without regard to case, in order.
    public func all(named name: String) -> [String] {
        filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Sets `name` to `value`: replaces the first field of that name, drops later ones, or appends.
    public mutating func set(_ name: String, _ value: String) {
        if let index = firstIndex(where: { $0.name.caseInsensitiveEquals(name) }) {
            self[index].value = value
            var position = index + 1
            while position < count {
                if self[position].name.caseInsensitiveEquals(name) { remove(at: position) } else { position += 1 }
            }
        } else {
            append(HTTPHeader(name, value))
        }
    }

    /// Removes every field named `name`.
    public mutating func remove(named name: String) {
        removeAll { $0.name.caseInsensitiveEquals(name) }
    }
}

extension String {
    /// Whether two ASCII tokens (header names, schemes) are equal ignoring case.
    public func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}
