import Testing
@testable import WaymarkCore

@Suite("Choosing a password")
struct PasswordPolicyTests {
    /// A few entries of the kind the bundled list holds, already lower-cased as `commonList(from:)` leaves them.
    static let policy = PasswordPolicy(common: ["password", "passw0rd", "qwerty", "football", "letmeinplease", "iloveyou"])

    static let tooShort = "Password must be 12 characters or more"
    static let tooLong = "Password must be 72 characters or fewer (fewer still with accents or symbols)"
    static let common = "This password is on a list of passwords that are often used or have been leaked: "
        + "choose another, such as three random words"
    static let personal = "Password must not be based on your name or email address"

    static func messages(_ password: String, personal: [String] = []) -> [String] {
        policy.problems(password, personal: personal).map(\.message)
    }

    @Test("At least 12 characters, and no more than bcrypt's 72 bytes")
    func limits() {
        #expect(PasswordPolicy.minimumLength == 12)
        #expect(PasswordPolicy.maximumBytes == 72)
    }

    @Test("Three random words are accepted", arguments: ["correct horse battery", "kettle violin harbour"])
    func threeWords(password: String) {
        #expect(Self.policy.problems(password).isEmpty)
    }

    @Test("An empty password is asked for, under the field's own name")
    func empty() {
        #expect(Self.policy.problems("", field: "newPassword") == [FieldError("newPassword", "Enter a password")])
    }

    @Test("Eleven characters are refused with the 12-character message; twelve are enough")
    func minimumLength() {
        #expect(Self.policy.problems("kettleviolx") == [FieldError("password", Self.tooShort)])
        #expect(Self.policy.problems("kettleviolin").isEmpty)
    }

    @Test("Length is counted in characters as people see them, not bytes")
    func lengthInCharacters() {
        #expect(Self.messages("éééééééééééé") == [])
        #expect(Self.messages("ééééééééééé") == [Self.tooShort])
    }

    @Test("A password that is too short says so, even when it is also a common one")
    func shortAndCommon() {
        #expect(Self.messages("Passw0rd") == [Self.tooShort])
    }

    @Test("More than 72 bytes is refused, since bcrypt would ignore the rest")
    func maximumBytes() {
        #expect(Self.messages(String(repeating: "k", count: 72)) == [])
        #expect(Self.messages(String(repeating: "k", count: 73)) == [Self.tooLong])
    }

    @Test("Accented letters take two bytes each, so 37 of them are too long")
    func maximumBytesWithAccents() {
        #expect(Self.messages(String(repeating: "é", count: 36)) == [])
        #expect(Self.messages(String(repeating: "é", count: 37)) == [Self.tooLong])
    }

    @Test("A listed password is refused, with digits, punctuation or spaces around it, in any case",
          arguments: ["password123!", "  football2026  ", "PASSWORD1234", "!!football!!", "2026football", "LetMeInPlease"])
    func commonWithPadding(password: String) {
        #expect(Self.policy.isCommon(password))
        #expect(Self.messages(password) == [Self.common])
    }

    @Test("A listed word typed twice is as weak as the word", arguments: ["qwertyqwerty", "QwertyQwerty1", "footballfootball"])
    func repeatedWord(password: String) {
        #expect(Self.policy.isCommon(password))
        #expect(Self.messages(password) == [Self.common])
    }

    @Test("Digits and punctuation alone are refused as common: there is no word in them")
    func noLetters() {
        #expect(Self.policy.isCommon("123456789012"))
        #expect(Self.messages("!!!!????1234") == [Self.common])
    }

    @Test("A listed word inside a longer phrase is not refused for that alone")
    func commonWordInPhrase() {
        #expect(!Self.policy.isCommon("my football boots"))
        #expect(!Self.policy.isCommon("qwertyuiopas"))
        #expect(!Self.policy.isCommon("passwordpass"))
        #expect(Self.messages("my football boots") == [])
    }

    @Test("A password made from the person's name or email address is refused")
    func basedOnName() {
        let personal = ["Samira Okafor", "samira.okafor@example.org"]
        #expect(Self.messages("okafor2026!!", personal: personal) == [Self.personal])
        #expect(Self.messages("Samira1234567", personal: personal) == [Self.personal])
        #expect(Self.messages("kettle violin", personal: personal) == [])
    }

    @Test("A long password is accepted even with the person's name in it")
    func longWithName() {
        let personal = ["Samira Okafor"]
        #expect(Self.messages("samira rides the night bus home", personal: personal) == [])
        // Sixteen letters and spaces with the name in them are enough; fifteen are not.
        #expect(Self.messages("samira's kettle", personal: personal) == [Self.personal])
        #expect(Self.messages("samira's kettles", personal: personal) == [])
    }

    @Test("Short parts of a name or address (under four letters) do not make a password guessable")
    func shortNameParts() {
        #expect(Self.messages("kettle violin jo", personal: ["Jo Li", "jo@li.org"]) == [])
        #expect(Self.messages("orgkettlejoe", personal: ["jo@li.org"]) == [])
    }

    @Test("The list file is read one password a line, lower-cased, without blank lines or comments")
    func commonList() {
        let text = """
        # Top passwords, 2025
        Password

          QWERTY  
        # football
        iloveyou\r
        letmein
        """
        #expect(PasswordPolicy.commonList(from: text) == ["password", "qwerty", "iloveyou", "letmein"])
    }

    @Test("A policy built from the list file refuses what the file lists")
    func policyFromFile() {
        let policy = PasswordPolicy(common: PasswordPolicy.commonList(from: "# list\nDragon\nMonkey\n"))
        #expect(policy.isCommon("Dragon2026!!"))
        #expect(policy.isCommon("monkeymonkey"))
        #expect(!policy.isCommon("kettle violin harbour"))
    }
}
