import Foundation

/// Providers, areas, delivery units and sites as an administrator types them. Records point
/// to all of these, so they are deactivated, never deleted.
public enum OrganisationRules {
    /// Lower-case letters, digits and single hyphens: the area's public address (`/about/essex`).
    public static func slug(_ raw: String?, errors: inout FieldErrors) -> String? {
        let slug = (raw ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if slug.isEmpty {
            errors.add("slug", "Enter a short name for the web address")
            return nil
        }
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard allowed, slug.count <= 40, !slug.hasPrefix("-"), !slug.hasSuffix("-"), !slug.contains("--") else {
            errors.add("slug", "Short name must be 40 characters or fewer: lower-case letters, numbers and hyphens, like ‘west-midlands’")
            return nil
        }
        return slug
    }

    /// A slug suggested from a name ("Staffordshire & West Midlands" → "staffordshire-west-midlands").
    public static func suggestedSlug(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { out.unicodeScalars.append(scalar) }
            else if !out.isEmpty, !out.hasSuffix("-") { out.append("-") }
        }
        out = String(out.prefix(40))
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }

    /// UK telephone numbers as people write them: digits, spaces, brackets, a leading +.
    public static func phone(_ raw: String?, errors: inout FieldErrors) -> String? {
        let phone = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if phone.isEmpty { return nil }
        let digits = phone.filter(\.isNumber)
        let allowed = phone.allSatisfy { $0.isNumber || " ()+-".contains($0) }
        guard allowed, (10...13).contains(digits.count), phone.filter({ $0 == "+" }).count <= 1,
              !phone.contains("+") || phone.hasPrefix("+") else {
            errors.add("contactPhone", "Enter a telephone number, like 01632 960 001 or +44 808 157 0192")
            return nil
        }
        return phone
    }
}

public struct ProviderDraft: Sendable {
    public var name: String?
    public init(name: String?) { self.name = name }

    public func validated() throws(ValidationFailure) -> String {
        var errors = FieldErrors()
        let name = InputRules.required(name, field: "name", label: "provider name", errors: &errors)
        try errors.throwIfAny()
        return name ?? ""
    }
}

/// An area and the contact people on probation are told about on the public pages.
public struct AreaDraft: Sendable {
    public var name: String?
    public var slug: String?
    public var contactName: String?
    public var contactEmail: String?
    public var contactPhone: String?
    public var postalAddress: String?

    public init(name: String?, slug: String?, contactName: String?, contactEmail: String?, contactPhone: String?, postalAddress: String?) {
        self.name = name
        self.slug = slug
        self.contactName = contactName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.postalAddress = postalAddress
    }

    public struct Valid: Sendable, Equatable {
        public let name: String
        public let slug: String
        public let contactName: String?
        public let contactEmail: String?
        public let contactPhone: String?
        public let postalAddress: String?
    }

    public static func slugTakenMessage(_ slug: String) -> String {
        "Another area already uses the short name ‘\(slug)’: choose a different one"
    }

    /// `takenSlugs` are other areas' slugs: two areas cannot share a public address.
    public func validated(takenSlugs: Set<String>) throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let name = InputRules.required(name, field: "name", label: "area name", errors: &errors)
        let slug = OrganisationRules.slug(slug, errors: &errors)
        if let slug, takenSlugs.contains(slug) {
            errors.add("slug", Self.slugTakenMessage(slug))
        }
        let contactName = InputRules.optional(contactName, field: "contactName", label: "contact name", limit: InputRules.nameLimit, errors: &errors)
        var contactEmail: String?
        if let raw = self.contactEmail?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            contactEmail = UserAccountRules.email(raw, field: "contactEmail", errors: &errors)
        }
        let contactPhone = OrganisationRules.phone(contactPhone, errors: &errors)
        let postal = InputRules.optional(postalAddress, field: "postalAddress", label: "postal address", limit: 500, multiline: true, errors: &errors)
        try errors.throwIfAny()
        return Valid(name: name ?? "", slug: slug ?? "", contactName: contactName, contactEmail: contactEmail,
                     contactPhone: contactPhone, postalAddress: postal)
    }
}

/// A probation delivery unit: names are unique within their area.
public struct DeliveryUnitDraft: Sendable {
    public var name: String?
    public init(name: String?) { self.name = name }

    public func validated(takenNames: Set<String>) throws(ValidationFailure) -> String {
        var errors = FieldErrors()
        let name = InputRules.required(name, field: "name", label: "delivery unit name", errors: &errors)
        if let name, takenNames.contains(name.lowercased()) {
            errors.add("name", "This area already has a delivery unit called ‘\(name)’")
        }
        try errors.throwIfAny()
        return name ?? ""
    }
}

/// A probation office or venue. The visitor information (directions, parking…) has its own form.
public struct SiteDraft: Sendable {
    public var name: String?
    public var address: String?
    public var postcode: String?
    public var deliveryUnitID: String?

    public init(name: String?, address: String?, postcode: String?, deliveryUnitID: String?) {
        self.name = name
        self.address = address
        self.postcode = postcode
        self.deliveryUnitID = deliveryUnitID
    }

    public struct Valid: Sendable, Equatable {
        public let name: String
        public let address: String
        public let postcode: String
        public let deliveryUnitID: String
    }

    public func validated(deliveryUnits: Set<String>) throws(ValidationFailure) -> Valid {
        var errors = FieldErrors()
        let name = InputRules.required(name, field: "name", label: "site name", errors: &errors)
        let address = InputRules.required(address, field: "address", label: "address", article: "an", limit: 300, errors: &errors)
        let postcode = Postcode.normalised(postcode, errors: &errors)
        let unit = (deliveryUnitID ?? "").trimmingCharacters(in: .whitespaces)
        if unit.isEmpty { errors.add("deliveryUnitId", "Select the delivery unit the site belongs to") }
        else if !deliveryUnits.contains(unit) { errors.add("deliveryUnitId", "Select a delivery unit from the list") }
        try errors.throwIfAny()
        return Valid(name: name ?? "", address: address ?? "", postcode: postcode ?? "", deliveryUnitID: unit)
    }
}

/// UK postcodes, checked for shape (not that they exist) and written the standard way.
public enum Postcode {
    public static func normalised(_ raw: String?, field: String = "postcode", errors: inout FieldErrors) -> String? {
        let compact = (raw ?? "").uppercased().filter { !$0.isWhitespace }
        if compact.isEmpty {
            errors.add(field, "Enter a postcode")
            return nil
        }
        // Outward code (A9, A99, AA9, AA99, A9A, AA9A) then inward code (9AA).
        let chars = Array(compact)
        func letter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        func digit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        guard (5...7).contains(chars.count) else {
            errors.add(field, "Enter a real postcode, like SS14 1AB")
            return nil
        }
        let inward = Array(chars.suffix(3)), outward = Array(chars.prefix(chars.count - 3))
        let inwardOK = digit(inward[0]) && letter(inward[1]) && letter(inward[2])
        let shape = String(outward.map { letter($0) ? "A" : digit($0) ? "9" : "?" })
        let outwardOK = ["A9", "A99", "AA9", "AA99", "A9A", "AA9A"].contains(shape)
        guard inwardOK, outwardOK else {
            errors.add(field, "Enter a real postcode, like SS14 1AB")
            return nil
        }
        return String(outward) + " " + String(inward)
    }
}
