/// The Cryptographic Usage Mask attribute: a bit set carried as a TTLV Integer.
public struct CryptographicUsageMask: OptionSet, Hashable, Sendable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let sign = CryptographicUsageMask(rawValue: 0x0000_0001)
    public static let verify = CryptographicUsageMask(rawValue: 0x0000_0002)
    public static let encrypt = CryptographicUsageMask(rawValue: 0x0000_0004)
    public static let decrypt = CryptographicUsageMask(rawValue: 0x0000_0008)
    public static let wrapKey = CryptographicUsageMask(rawValue: 0x0000_0010)
    public static let unwrapKey = CryptographicUsageMask(rawValue: 0x0000_0020)
    public static let export = CryptographicUsageMask(rawValue: 0x0000_0040)
    public static let macGenerate = CryptographicUsageMask(rawValue: 0x0000_0080)
    public static let macVerify = CryptographicUsageMask(rawValue: 0x0000_0100)
    public static let deriveKey = CryptographicUsageMask(rawValue: 0x0000_0200)
    public static let contentCommitment = CryptographicUsageMask(rawValue: 0x0000_0400)
    public static let keyAgreement = CryptographicUsageMask(rawValue: 0x0000_0800)
    public static let certificateSign = CryptographicUsageMask(rawValue: 0x0000_1000)
    public static let crlSign = CryptographicUsageMask(rawValue: 0x0000_2000)
    public static let generateCryptogram = CryptographicUsageMask(rawValue: 0x0000_4000)
    public static let validateCryptogram = CryptographicUsageMask(rawValue: 0x0000_8000)
    public static let translateEncrypt = CryptographicUsageMask(rawValue: 0x0001_0000)
    public static let translateDecrypt = CryptographicUsageMask(rawValue: 0x0002_0000)
    public static let translateWrap = CryptographicUsageMask(rawValue: 0x0004_0000)
    public static let translateUnwrap = CryptographicUsageMask(rawValue: 0x0008_0000)

    /// Bit names in the KMIP XML spelling, lowest bit first.
    public static let names: [(Int32, String)] = [
        (0x1, "Sign"), (0x2, "Verify"), (0x4, "Encrypt"), (0x8, "Decrypt"), (0x10, "WrapKey"),
        (0x20, "UnwrapKey"), (0x40, "Export"), (0x80, "MACGenerate"), (0x100, "MACVerify"),
        (0x200, "DeriveKey"), (0x400, "ContentCommitment"), (0x800, "KeyAgreement"),
        (0x1000, "CertificateSign"), (0x2000, "CRLSign"), (0x4000, "GenerateCryptogram"),
        (0x8000, "ValidateCryptogram"), (0x10000, "TranslateEncrypt"), (0x20000, "TranslateDecrypt"),
        (0x40000, "TranslateWrap"), (0x80000, "TranslateUnwrap"),
    ]
}
