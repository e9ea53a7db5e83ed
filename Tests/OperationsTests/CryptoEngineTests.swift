import KMIP
@testable import Operations
import TTLV
import Testing

/// The cryptographic engine against published vectors (NIST SP 800-38A for CBC and CTR, the GCM
/// specification's test cases as NIST's CAVP reuses them, RFC 4231 for HMAC), the known answers
/// of the OASIS KMIP 1.4 test cases, the request shapes of real clients, and every refusal with
/// the Result Reason it maps to.
@Suite struct CryptoEngineTests {
    let engine = CryptoEngine()

    // MARK: Keys and data

    /// NIST SP 800-38A appendix F.
    static let sp800_38aKey128 = hex("2b7e151628aed2a6abf7158809cf4f3c")
    static let sp800_38aKey256 = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
    static let sp800_38aPlaintext = hex(
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
    /// The GCM specification's test cases 3–6 and 15–16.
    static let gcmKey = hex("feffe9928665731c6d6a8f9467308308")
    static let gcmIV = hex("cafebabefacedbaddecaf888")
    static let gcmPlaintext = hex(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255")
    static let gcmAAD = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
    /// The registered key of the OASIS cases CS-BC-M-11-14 and CS-AC-M-4-14.
    static let oasisKey = hex("0123456789abcdef0123456789abcdef")

    static func aes(_ bytes: [UInt8], parameters: CryptographicParameters? = nil) -> CryptoKeyMaterial {
        CryptoKeyMaterial(bytes: bytes, algorithm: .aes, length: Int32(bytes.count * 8), parameters: parameters)
    }

    static let gcm = CryptographicParameters(blockCipherMode: .gcm)
    static let cbcPKCS5 = CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5)
    static let cbcNoPadding = CryptographicParameters(blockCipherMode: .cbc, paddingMethod: PaddingMethod.none)
    static let ctr = CryptographicParameters(blockCipherMode: .ctr)

    // MARK: - AES-CBC

    @Test(arguments: [
        (sp800_38aKey128, "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
            + "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"),
        (sp800_38aKey256, "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
            + "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"),
    ])
    func cbcMatchesSP800_38A(key: [UInt8], ciphertext: String) throws {
        let iv = hex("000102030405060708090a0b0c0d0e0f")
        let encrypted = try engine.encrypt(
            EncryptRequest(cryptographicParameters: Self.cbcNoPadding, data: Self.sp800_38aPlaintext, ivCounterNonce: iv),
            with: Self.aes(key))
        #expect(encrypted == EncryptionOutput(data: hex(ciphertext)))
        let decrypted = try engine.decrypt(
            DecryptRequest(cryptographicParameters: Self.cbcNoPadding, data: hex(ciphertext), ivCounterNonce: iv),
            with: Self.aes(key))
        #expect(decrypted == Self.sp800_38aPlaintext)
    }

    /// CS-BC-M-11-14: 33 bytes, PKCS5, a client IV; decrypting with a zero IV garbles the first
    /// block only, as the reference answer shows.
    @Test func cbcWithPKCS5MatchesTheOASISCase() throws {
        let data = hex("010203040506070809101112131415160102030405060708091011121314151601")
        let iv = hex("ff020304050607080910111213141516")
        let ciphertext = hex(
            "e768203ba72b6e157daaad34b1e791d8e88457dc147942f01bfaff7b28a3cdde2203d4d5a4c7928ba9e9cc78b66a6546")
        let key = Self.aes(Self.oasisKey)
        let encrypted = try engine.encrypt(
            EncryptRequest(cryptographicParameters: Self.cbcPKCS5, data: data, ivCounterNonce: iv), with: key)
        #expect(encrypted.data == ciphertext)
        #expect(encrypted.ivCounterNonce == nil, "a client's own IV is not repeated")
        let zeroIV = try engine.decrypt(
            DecryptRequest(cryptographicParameters: Self.cbcPKCS5, data: ciphertext, ivCounterNonce: Array(repeating: 0, count: 16)),
            with: key)
        #expect(zeroIV == hex("fe0000000000000000000000000000000102030405060708091011121314151601"))
        let decrypted = try engine.decrypt(
            DecryptRequest(cryptographicParameters: Self.cbcPKCS5, data: ciphertext, ivCounterNonce: iv), with: key)
        #expect(decrypted == data)
    }

    /// libmongocrypt's delegated mode: CBC, PKCS5 and Random IV true in the request, 96 bytes of
    /// data, and a 16-byte IV expected back.
    @Test func libmongocryptDelegatedEncryptionGetsItsIVBack() throws {
        let key = Self.aes(Array(0..<32))
        let parameters = CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5, randomIV: true)
        let data = [UInt8](repeating: 0x5A, count: 96)
        let first = try engine.encrypt(EncryptRequest(cryptographicParameters: parameters, data: data), with: key)
        let iv = try #require(first.ivCounterNonce)
        #expect(iv.count == 16)
        #expect(first.data.count == 112, "96 bytes and a whole block of PKCS5 padding")
        #expect(first.authenticatedEncryptionTag == nil)
        let second = try engine.encrypt(EncryptRequest(cryptographicParameters: parameters, data: data), with: key)
        #expect(second.ivCounterNonce != iv, "every Random IV is fresh")
        let decrypted = try engine.decrypt(
            DecryptRequest(cryptographicParameters: Self.cbcPKCS5, data: first.data, ivCounterNonce: iv), with: key)
        #expect(decrypted == data)
    }

    /// Scality: CBC and PKCS5 over a 32-byte data key, here with the parameters (and Random IV)
    /// taken from the key's own attribute since the request carries none.
    @Test func theKeysOwnParametersApplyWhenTheRequestHasNone() throws {
        let key = Self.aes(
            Array(repeating: 0x42, count: 32),
            parameters: CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5, randomIV: true))
        let dataKey = [UInt8](repeating: 0x17, count: 32)
        let encrypted = try engine.encrypt(EncryptRequest(data: dataKey), with: key)
        #expect(encrypted.data.count == 48)
        let iv = try #require(encrypted.ivCounterNonce)
        #expect(try engine.decrypt(DecryptRequest(data: encrypted.data, ivCounterNonce: iv), with: key) == dataKey)
    }

    @Test func theRequestsParametersReplaceTheKeysWhole() throws {
        // The key says GCM; the request says CBC without padding: no field of the key's applies.
        let key = Self.aes(Self.sp800_38aKey128, parameters: CryptographicParameters(blockCipherMode: .gcm, tagLength: 12))
        let encrypted = try engine.encrypt(
            EncryptRequest(
                cryptographicParameters: Self.cbcNoPadding, data: Self.sp800_38aPlaintext,
                ivCounterNonce: hex("000102030405060708090a0b0c0d0e0f")),
            with: key)
        #expect(encrypted.data.prefix(16) == hex("7649abac8119b246cee98e9b12e9197d")[...])
        #expect(encrypted.authenticatedEncryptionTag == nil)
    }

    // MARK: - AES-CTR

    @Test(arguments: [
        (sp800_38aKey128, "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
            + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee"),
        (sp800_38aKey256, "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
            + "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6"),
    ])
    func ctrMatchesSP800_38A(key: [UInt8], ciphertext: String) throws {
        let counter = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
        let encrypted = try engine.encrypt(
            EncryptRequest(cryptographicParameters: Self.ctr, data: Self.sp800_38aPlaintext, ivCounterNonce: counter),
            with: Self.aes(key))
        #expect(encrypted.data == hex(ciphertext))
        let decrypted = try engine.decrypt(
            DecryptRequest(cryptographicParameters: Self.ctr, data: hex(ciphertext), ivCounterNonce: counter),
            with: Self.aes(key))
        #expect(decrypted == Self.sp800_38aPlaintext)
    }

    @Test func ctrRandomIVStartsItsCounterAtZero() throws {
        let parameters = CryptographicParameters(blockCipherMode: .ctr, randomIV: true, counterLength: 32)
        let key = Self.aes(Self.sp800_38aKey128)
        let encrypted = try engine.encrypt(EncryptRequest(cryptographicParameters: parameters, data: Array(0..<100)), with: key)
        let iv = try #require(encrypted.ivCounterNonce)
        #expect(iv.count == 16 && iv.suffix(4) == [0, 0, 0, 0])
        #expect(try engine.decrypt(DecryptRequest(cryptographicParameters: Self.ctr, data: encrypted.data, ivCounterNonce: iv), with: key)
            == Array(0..<100))
    }

    // MARK: - AES-GCM

    struct GCMCase: Sendable, CustomTestStringConvertible {
        let name: String
        let key: [UInt8]
        let iv: [UInt8]
        let plaintext: [UInt8]
        let aad: [UInt8]?
        let ciphertext: [UInt8]
        let tag: [UInt8]
        var testDescription: String { name }
    }

    static let gcmCases: [GCMCase] = [
        GCMCase(
            name: "1", key: Array(repeating: 0, count: 16), iv: Array(repeating: 0, count: 12), plaintext: [], aad: nil,
            ciphertext: [], tag: hex("58e2fccefa7e3061367f1d57a4e7455a")),
        GCMCase(
            name: "2 (CS-BC-M-GCM-1-14)", key: Array(repeating: 0, count: 16), iv: Array(repeating: 0, count: 12),
            plaintext: Array(repeating: 0, count: 16), aad: nil, ciphertext: hex("0388dace60b6a392f328c2b971b2fe78"),
            tag: hex("ab6e47d42cec13bdf53a67b21257bddf")),
        GCMCase(
            name: "3", key: gcmKey, iv: gcmIV, plaintext: gcmPlaintext, aad: nil,
            ciphertext: hex(
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                    + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"),
            tag: hex("4d5c2af327cd64a62cf35abd2ba6fab4")),
        GCMCase(
            name: "4 (additional data)", key: gcmKey, iv: gcmIV, plaintext: Array(gcmPlaintext.prefix(60)), aad: gcmAAD,
            ciphertext: hex(
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                    + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"),
            tag: hex("5bc94fbc3221a5db94fae95ae7121a47")),
        GCMCase(
            name: "6 (60-byte IV)", key: gcmKey,
            iv: hex(
                "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
                    + "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b"),
            plaintext: Array(gcmPlaintext.prefix(60)), aad: gcmAAD,
            ciphertext: hex(
                "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
                    + "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5"),
            tag: hex("619cc5aefffe0bfa462af43c1699d050")),
        GCMCase(
            name: "16 (AES-256, additional data)", key: gcmKey + gcmKey, iv: gcmIV, plaintext: Array(gcmPlaintext.prefix(60)),
            aad: gcmAAD,
            ciphertext: hex(
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                    + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"),
            tag: hex("76fc6ece0f4e1768cddf8853bb2d551b")),
    ]

    @Test(arguments: gcmCases)
    func gcmMatchesTheTestCases(_ vector: GCMCase) throws {
        let key = Self.aes(vector.key)
        let encrypted = try engine.encrypt(
            EncryptRequest(
                cryptographicParameters: Self.gcm, data: vector.plaintext, ivCounterNonce: vector.iv,
                authenticatedEncryptionAdditionalData: vector.aad),
            with: key)
        #expect(encrypted == EncryptionOutput(data: vector.ciphertext, authenticatedEncryptionTag: vector.tag))
        let decrypted = try engine.decrypt(
            DecryptRequest(
                cryptographicParameters: Self.gcm, data: vector.ciphertext, ivCounterNonce: vector.iv,
                authenticatedEncryptionAdditionalData: vector.aad, authenticatedEncryptionTag: vector.tag),
            with: key)
        #expect(decrypted == vector.plaintext)
    }

    /// CS-BC-M-GCM-1-14 steps 4–6: a changed tag, IV or data byte fails with Cryptographic Failure.
    @Test func gcmRefusesAChangedTagIVOrData() throws {
        let vector = Self.gcmCases[1]
        let key = Self.aes(vector.key)
        func decrypt(iv: [UInt8] = vector.iv, data: [UInt8] = vector.ciphertext, tag: [UInt8] = vector.tag, aad: [UInt8]? = nil)
            throws(CryptoEngineError) -> [UInt8]
        {
            try engine.decrypt(
                DecryptRequest(
                    cryptographicParameters: CryptographicParameters(blockCipherMode: .gcm, tagLength: Int32(tag.count)),
                    data: data, ivCounterNonce: iv, authenticatedEncryptionAdditionalData: aad, authenticatedEncryptionTag: tag),
                with: key)
        }
        var changedTag = vector.tag
        changedTag[0] = 0
        var changedIV = vector.iv
        changedIV[0] = 0xFF
        var changedData = vector.ciphertext
        changedData[0] = 0xFF
        for error in [
            refusal { () throws(CryptoEngineError) -> Void in _ = try decrypt(tag: changedTag) },
            refusal { () throws(CryptoEngineError) -> Void in _ = try decrypt(iv: changedIV) },
            refusal { () throws(CryptoEngineError) -> Void in _ = try decrypt(data: changedData) },
            refusal { () throws(CryptoEngineError) -> Void in _ = try decrypt(aad: [1]) },
            refusal { () throws(CryptoEngineError) -> Void in _ = try decrypt(tag: Array(changedTag.prefix(12))) },
        ] {
            #expect(error?.code == .authenticationFailed)
            #expect(error?.resultReason == .cryptographicFailure)
        }
        // Step 7: the tag cut to 12 bytes, with Tag Length 12, passes.
        #expect(try decrypt(tag: Array(vector.tag.prefix(12))) == vector.plaintext)
    }

    @Test func gcmTruncatesTheTagToTheTagLength() throws {
        let vector = Self.gcmCases[3]
        let key = Self.aes(vector.key)
        for length in 12...16 {
            let parameters = CryptographicParameters(blockCipherMode: .gcm, tagLength: Int32(length))
            let encrypted = try engine.encrypt(
                EncryptRequest(
                    cryptographicParameters: parameters, data: vector.plaintext, ivCounterNonce: vector.iv,
                    authenticatedEncryptionAdditionalData: vector.aad),
                with: key)
            #expect(encrypted.authenticatedEncryptionTag == Array(vector.tag.prefix(length)))
            let decrypted = try engine.decrypt(
                DecryptRequest(
                    cryptographicParameters: parameters, data: encrypted.data, ivCounterNonce: vector.iv,
                    authenticatedEncryptionAdditionalData: vector.aad, authenticatedEncryptionTag: encrypted.authenticatedEncryptionTag),
                with: key)
            #expect(decrypted == vector.plaintext)
        }
    }

    @Test func gcmRandomIVIsTwelveBytesAndReturned() throws {
        let key = Self.aes(Self.gcmKey)
        let parameters = CryptographicParameters(blockCipherMode: .gcm, randomIV: true)
        let encrypted = try engine.encrypt(
            EncryptRequest(cryptographicParameters: parameters, data: [1, 2, 3], authenticatedEncryptionAdditionalData: [9]),
            with: key)
        let iv = try #require(encrypted.ivCounterNonce)
        #expect(iv.count == 12)
        #expect(encrypted.authenticatedEncryptionTag?.count == 16)
        let decrypted = try engine.decrypt(
            DecryptRequest(
                cryptographicParameters: Self.gcm, data: encrypted.data, ivCounterNonce: iv,
                authenticatedEncryptionAdditionalData: [9], authenticatedEncryptionTag: encrypted.authenticatedEncryptionTag),
            with: key)
        #expect(decrypted == [1, 2, 3])
        let longer = try engine.encrypt(
            EncryptRequest(cryptographicParameters: CryptographicParameters(blockCipherMode: .gcm, randomIV: true, ivLength: 128), data: []),
            with: key)
        #expect(longer.ivCounterNonce?.count == 16)
    }

    @Test func aSingleFirstAndLastPartIsNotStreaming() throws {
        let output = try engine.encrypt(
            EncryptRequest(
                cryptographicParameters: Self.gcm, data: [], ivCounterNonce: Array(repeating: 0, count: 12), initIndicator: true,
                finalIndicator: true),
            with: Self.aes(Array(repeating: 0, count: 16)))
        #expect(output.authenticatedEncryptionTag == Self.gcmCases[0].tag)
    }

    // MARK: - HMAC

    struct HMACCase: Sendable, CustomTestStringConvertible {
        let name: String
        let algorithm: CryptographicAlgorithm
        let key: [UInt8]
        let data: [UInt8]
        let mac: [UInt8]
        var testDescription: String { name }
    }

    static let hiThere = Array("Hi There".utf8)
    static let jefe = Array("Jefe".utf8)
    static let whatDoYaWant = Array("what do ya want for nothing?".utf8)

    /// RFC 4231 test cases 1, 2 and 6.
    static let hmacCases: [HMACCase] = [
        HMACCase(
            name: "1 SHA-256", algorithm: .hmacSHA256, key: Array(repeating: 0x0b, count: 20), data: hiThere,
            mac: hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")),
        HMACCase(
            name: "1 SHA-384", algorithm: .hmacSHA384, key: Array(repeating: 0x0b, count: 20), data: hiThere,
            mac: hex("afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6")),
        HMACCase(
            name: "1 SHA-512", algorithm: .hmacSHA512, key: Array(repeating: 0x0b, count: 20), data: hiThere,
            mac: hex(
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
                    + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")),
        HMACCase(
            name: "2 SHA-256", algorithm: .hmacSHA256, key: jefe, data: whatDoYaWant,
            mac: hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")),
        HMACCase(
            name: "2 SHA-384", algorithm: .hmacSHA384, key: jefe, data: whatDoYaWant,
            mac: hex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649")),
        HMACCase(
            name: "2 SHA-512", algorithm: .hmacSHA512, key: jefe, data: whatDoYaWant,
            mac: hex(
                "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                    + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")),
        HMACCase(
            name: "6 SHA-256 (key longer than a block)", algorithm: .hmacSHA256, key: Array(repeating: 0xaa, count: 131),
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            mac: hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")),
    ]

    @Test(arguments: hmacCases)
    func hmacMatchesRFC4231(_ vector: HMACCase) throws {
        let key = CryptoKeyMaterial(bytes: vector.key, algorithm: vector.algorithm)
        #expect(try engine.mac(MACRequest(data: vector.data), with: key) == vector.mac)
        #expect(try engine.verifyMAC(MACVerifyRequest(data: vector.data, macData: vector.mac), with: key) == .valid)
        var wrong = vector.mac
        wrong[wrong.count - 1] ^= 1
        #expect(try engine.verifyMAC(MACVerifyRequest(data: vector.data, macData: wrong), with: key) == .invalid)
        // A prefix of the right MAC is not accepted: a one-byte guess must not pass.
        let prefix = Array(vector.mac.prefix(16))
        #expect(try engine.verifyMAC(MACVerifyRequest(data: vector.data, macData: prefix), with: key) == .invalid)
        #expect(try engine.verifyMAC(MACVerifyRequest(data: vector.data, macData: []), with: key) == .invalid)
    }

    /// CS-AC-M-4-14: a key registered as AES whose Cryptographic Parameters name HMAC-SHA256.
    @Test func hmacMayBeChosenByTheKeysParameters() throws {
        let key = Self.aes(Self.oasisKey, parameters: CryptographicParameters(cryptographicAlgorithm: .hmacSHA256))
        let mac = try engine.mac(MACRequest(data: hex("01020304050607080910111213141516")), with: key)
        #expect(mac == hex("c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9"))
        let parameters = CryptographicParameters(hashingAlgorithm: .sha256, cryptographicAlgorithm: .hmacSHA256)
        let hmacKey = CryptoKeyMaterial(bytes: Self.oasisKey, algorithm: .hmacSHA256, length: 128)
        #expect(try engine.mac(MACRequest(cryptographicParameters: parameters, data: hex("01020304050607080910111213141516")), with: hmacKey)
            == mac)
    }

    // MARK: - RNG Retrieve

    @Test func randomBytesHaveTheAskedLengthAndDiffer() throws {
        let first = try engine.randomBytes(RNGRetrieveRequest(dataLength: 32))
        let second = try engine.randomBytes(RNGRetrieveRequest(dataLength: 32))
        #expect(first.count == 32 && second.count == 32)
        #expect(first != second)
        #expect(try engine.randomBytes(RNGRetrieveRequest(dataLength: 1)).count == 1)
        #expect(try CryptoEngine(maximumRandomByteCount: 64).randomBytes(RNGRetrieveRequest(dataLength: 64)).count == 64)
    }

    // MARK: - Refusals

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let code: CryptoEngineError.Code
        let field: TTLV.Tag?
        let reason: ResultReason
        let run: @Sendable (CryptoEngine) throws(CryptoEngineError) -> Void
        var testDescription: String { name }

        init(
            _ name: String, _ code: CryptoEngineError.Code, _ field: TTLV.Tag?, _ reason: ResultReason,
            _ run: @escaping @Sendable (CryptoEngine) throws(CryptoEngineError) -> Void
        ) {
            self.name = name
            self.code = code
            self.field = field
            self.reason = reason
            self.run = run
        }
    }

    static let key128 = aes(sp800_38aKey128)
    static let iv16 = [UInt8](repeating: 1, count: 16)
    static let iv12 = [UInt8](repeating: 1, count: 12)
    static let hmacKey = CryptoKeyMaterial(bytes: Array(repeating: 7, count: 32), algorithm: .hmacSHA256)

    static func encrypting(
        _ parameters: CryptographicParameters?, key: CryptoKeyMaterial = key128, data: [UInt8]? = [1, 2, 3],
        iv: [UInt8]? = nil, aad: [UInt8]? = nil, correlation: [UInt8]? = nil, initIndicator: Bool? = nil,
        finalIndicator: Bool? = nil
    ) -> @Sendable (CryptoEngine) throws(CryptoEngineError) -> Void {
        { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in
            _ = try engine.encrypt(
                EncryptRequest(
                    cryptographicParameters: parameters, data: data, ivCounterNonce: iv, correlationValue: correlation,
                    initIndicator: initIndicator, finalIndicator: finalIndicator, authenticatedEncryptionAdditionalData: aad),
                with: key)
        }
    }

    static func decrypting(
        _ parameters: CryptographicParameters?, key: CryptoKeyMaterial = key128, data: [UInt8]? = Array(repeating: 0, count: 16),
        iv: [UInt8]? = iv16, aad: [UInt8]? = nil, tag: [UInt8]? = nil
    ) -> @Sendable (CryptoEngine) throws(CryptoEngineError) -> Void {
        { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in
            _ = try engine.decrypt(
                DecryptRequest(
                    cryptographicParameters: parameters, data: data, ivCounterNonce: iv,
                    authenticatedEncryptionAdditionalData: aad, authenticatedEncryptionTag: tag),
                with: key)
        }
    }

    static func macing(
        _ parameters: CryptographicParameters? = nil, key: CryptoKeyMaterial = hmacKey, data: [UInt8]? = [1],
        correlation: [UInt8]? = nil, finalIndicator: Bool? = nil
    ) -> @Sendable (CryptoEngine) throws(CryptoEngineError) -> Void {
        { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in
            _ = try engine.mac(
                MACRequest(
                    cryptographicParameters: parameters, data: data, correlationValue: correlation, finalIndicator: finalIndicator),
                with: key)
        }
    }

    static let refusals: [Refusal] = [
        // Streaming.
        Refusal("Encrypt with a Correlation Value", .streamingNotSupported, .correlationValue, .operationNotSupported,
            encrypting(gcm, iv: iv12, correlation: [1])),
        Refusal("Encrypt opening a stream", .streamingNotSupported, .initIndicator, .operationNotSupported,
            encrypting(gcm, iv: iv12, initIndicator: true)),
        Refusal("Encrypt closing a stream", .streamingNotSupported, .finalIndicator, .operationNotSupported,
            encrypting(gcm, iv: iv12, finalIndicator: true)),
        Refusal("Decrypt with a Correlation Value", .streamingNotSupported, .correlationValue, .operationNotSupported,
            { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in
                _ = try engine.decrypt(DecryptRequest(cryptographicParameters: cbcPKCS5, data: [], correlationValue: [1]), with: key128)
            }),
        Refusal("MAC closing a stream", .streamingNotSupported, .finalIndicator, .operationNotSupported,
            macing(finalIndicator: true)),
        Refusal("MAC Verify with a Correlation Value", .streamingNotSupported, .correlationValue, .operationNotSupported,
            { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in
                _ = try engine.verifyMAC(MACVerifyRequest(data: [1], macData: [1], correlationValue: [2]), with: hmacKey)
            }),
        // Cryptographic Parameters.
        Refusal("no parameters anywhere", .missingParameter, .cryptographicParameters, .invalidField, encrypting(nil, iv: iv16)),
        Refusal("no Block Cipher Mode", .missingParameter, .blockCipherMode, .invalidField,
            encrypting(CryptographicParameters(paddingMethod: .pkcs5), iv: iv16)),
        Refusal("ECB", .unsupportedParameter, .blockCipherMode, .featureNotSupported,
            encrypting(CryptographicParameters(blockCipherMode: .ecb), iv: iv16)),
        Refusal("XTS", .unsupportedParameter, .blockCipherMode, .featureNotSupported,
            decrypting(CryptographicParameters(blockCipherMode: .xts))),
        Refusal("CBC with ANSI X9.23 padding", .unsupportedParameter, .paddingMethod, .featureNotSupported,
            encrypting(CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .ansiX923), iv: iv16)),
        Refusal("GCM with PKCS5 padding", .invalidParameter, .paddingMethod, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, paddingMethod: .pkcs5), iv: iv12)),
        Refusal("CTR with PKCS5 padding", .invalidParameter, .paddingMethod, .invalidField,
            decrypting(CryptographicParameters(blockCipherMode: .ctr, paddingMethod: .pkcs5))),
        Refusal("parameters naming another algorithm", .unsuitableKey, .cryptographicAlgorithm, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, cryptographicAlgorithm: .camellia), iv: iv12)),
        // Keys.
        Refusal("an HMAC key asked to encrypt", .unsuitableKey, .cryptographicAlgorithm, .invalidField,
            encrypting(gcm, key: hmacKey, iv: iv12)),
        Refusal("a Triple DES key", .unsupportedParameter, .cryptographicAlgorithm, .featureNotSupported,
            encrypting(cbcPKCS5, key: CryptoKeyMaterial(bytes: Array(repeating: 1, count: 24), algorithm: .tripleDES), iv: iv16)),
        Refusal("an AES key of 160 bits", .unsuitableKey, .cryptographicLength, .invalidField,
            encrypting(gcm, key: CryptoKeyMaterial(bytes: Array(repeating: 1, count: 20), algorithm: .aes), iv: iv12)),
        Refusal("a key whose length disagrees with its bytes", .unsuitableKey, .cryptographicLength, .invalidField,
            encrypting(gcm, key: CryptoKeyMaterial(bytes: Array(repeating: 1, count: 16), algorithm: .aes, length: 256), iv: iv12)),
        // Data and IVs.
        Refusal("Encrypt without Data", .missingData, .data, .missingData, encrypting(gcm, data: nil, iv: iv12)),
        Refusal("Decrypt without Data", .missingData, .data, .missingData, decrypting(cbcPKCS5, data: nil)),
        Refusal("Encrypt without an IV or Random IV", .missingData, .ivCounterNonce, .missingData, encrypting(cbcPKCS5)),
        Refusal("Decrypt without an IV", .missingData, .ivCounterNonce, .missingData, decrypting(cbcPKCS5, iv: nil)),
        Refusal("Random IV and an IV", .invalidParameter, .ivCounterNonce, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .cbc, paddingMethod: .pkcs5, randomIV: true), iv: iv16)),
        Refusal("a 12-byte CBC IV", .invalidParameter, .ivCounterNonce, .invalidField, encrypting(cbcPKCS5, iv: iv12)),
        Refusal("an 8-byte GCM IV", .invalidParameter, .ivCounterNonce, .invalidField,
            encrypting(gcm, iv: Array(repeating: 1, count: 8))),
        Refusal("a 12-byte CTR IV", .invalidParameter, .ivCounterNonce, .invalidField, encrypting(ctr, iv: iv12)),
        Refusal("IV Length disagreeing with the IV", .invalidParameter, .ivLength, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, ivLength: 128), iv: iv12)),
        Refusal("a Random IV of 64 bits for GCM", .invalidParameter, .ivLength, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, randomIV: true, ivLength: 64))),
        Refusal("a GCM Random IV with a fixed field", .unsupportedParameter, .fixedFieldLength, .featureNotSupported,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, randomIV: true, fixedFieldLength: 32))),
        Refusal("CBC without padding over 3 bytes", .invalidParameter, .data, .invalidField, encrypting(cbcNoPadding, iv: iv16)),
        Refusal("CBC ciphertext of 17 bytes", .invalidParameter, .data, .invalidField,
            decrypting(cbcPKCS5, data: Array(repeating: 0, count: 17))),
        Refusal("empty padded CBC ciphertext", .invalidParameter, .data, .invalidField, decrypting(cbcPKCS5, data: [])),
        // Tags and additional data.
        Refusal("Tag Length 1 (CS-BC-M-GCM-1-14)", .invalidParameter, .tagLength, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, tagLength: 1), iv: iv12)),
        Refusal("Tag Length 32 (CS-BC-M-GCM-1-14)", .invalidParameter, .tagLength, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .gcm, tagLength: 32), iv: iv12)),
        Refusal("GCM decryption without a tag", .missingData, .authenticatedEncryptionTag, .missingData,
            decrypting(gcm, iv: iv12)),
        Refusal("a tag longer than its Tag Length", .invalidParameter, .tagLength, .invalidField,
            decrypting(CryptographicParameters(blockCipherMode: .gcm, tagLength: 12), iv: iv12, tag: Array(repeating: 0, count: 16))),
        Refusal("an 8-byte tag", .invalidParameter, .authenticatedEncryptionTag, .invalidField,
            decrypting(gcm, iv: iv12, tag: Array(repeating: 0, count: 8))),
        Refusal("a short tag with a 16-byte IV", .unsupportedParameter, .authenticatedEncryptionTag, .featureNotSupported,
            decrypting(gcm, iv: iv16, tag: Array(repeating: 0, count: 12))),
        Refusal("additional data with CBC", .invalidParameter, .authenticatedEncryptionAdditionalData, .invalidField,
            encrypting(cbcPKCS5, iv: iv16, aad: [1])),
        Refusal("a tag with CBC", .invalidParameter, .authenticatedEncryptionTag, .invalidField,
            decrypting(cbcPKCS5, tag: Array(repeating: 0, count: 16))),
        Refusal("a tag with CTR", .invalidParameter, .authenticatedEncryptionTag, .invalidField,
            decrypting(ctr, tag: Array(repeating: 0, count: 16))),
        // Decryption failures.
        Refusal("CBC padding that does not check", .decryptionFailed, nil, .cryptographicFailure,
            decrypting(cbcPKCS5, data: Array(repeating: 0, count: 32))),
        // CTR counters.
        Refusal("an Initial Counter Value", .unsupportedParameter, .initialCounterValue, .featureNotSupported,
            encrypting(CryptographicParameters(blockCipherMode: .ctr, initialCounterValue: 1), iv: iv16)),
        Refusal("Counter Length 0", .invalidParameter, .counterLength, .invalidField,
            encrypting(CryptographicParameters(blockCipherMode: .ctr, counterLength: 0), iv: iv16)),
        Refusal("a 32-bit counter that would wrap", .invalidParameter, .counterLength, .invalidField,
            encrypting(
                CryptographicParameters(blockCipherMode: .ctr, counterLength: 32), data: Array(repeating: 0, count: 17),
                iv: Array(repeating: 0, count: 12) + [0xFF, 0xFF, 0xFF, 0xFF])),
        Refusal("a 72-bit counter that would wrap", .invalidParameter, .counterLength, .invalidField,
            decrypting(
                CryptographicParameters(blockCipherMode: .ctr, counterLength: 72), data: Array(repeating: 0, count: 32),
                iv: Array(repeating: 0, count: 7) + Array(repeating: 0xFF, count: 9))),
        // MACs.
        Refusal("an AES key with no HMAC named", .unsuitableKey, .cryptographicAlgorithm, .invalidField, macing(key: key128)),
        Refusal("an HMAC-SHA1 key", .unsupportedParameter, .cryptographicAlgorithm, .featureNotSupported,
            macing(key: CryptoKeyMaterial(bytes: [1], algorithm: .hmacSHA1))),
        Refusal("HMAC-SHA1 named for an AES key", .unsupportedParameter, .cryptographicAlgorithm, .featureNotSupported,
            macing(CryptographicParameters(cryptographicAlgorithm: .hmacSHA1), key: key128)),
        Refusal("parameters naming another HMAC", .unsuitableKey, .cryptographicAlgorithm, .invalidField,
            macing(CryptographicParameters(cryptographicAlgorithm: .hmacSHA512))),
        Refusal("parameters naming another hash", .unsuitableKey, .hashingAlgorithm, .invalidField,
            macing(CryptographicParameters(hashingAlgorithm: .sha384))),
        Refusal("an empty HMAC key", .unsuitableKey, .keyMaterial, .invalidField,
            macing(key: CryptoKeyMaterial(bytes: [], algorithm: .hmacSHA384))),
        Refusal("MAC without Data", .missingData, .data, .missingData, macing(data: nil)),
        Refusal("MAC Verify without MAC Data", .missingData, .macData, .missingData,
            { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in _ = try engine.verifyMAC(MACVerifyRequest(data: [1]), with: hmacKey) }),
        Refusal("MAC Verify without Data", .missingData, .data, .missingData,
            { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in _ = try engine.verifyMAC(MACVerifyRequest(macData: [1]), with: hmacKey) }),
        // RNG Retrieve.
        Refusal("zero random bytes", .invalidParameter, .dataLength, .invalidField,
            { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in _ = try engine.randomBytes(RNGRetrieveRequest(dataLength: 0)) }),
        Refusal("more random bytes than the limit", .invalidParameter, .dataLength, .invalidField,
            { (engine: CryptoEngine) throws(CryptoEngineError) -> Void in _ = try engine.randomBytes(RNGRetrieveRequest(dataLength: 65_537)) }),
    ]

    @Test(arguments: refusals)
    func everyRefusalSaysWhichFieldAndMapsToItsReason(_ refusal: Refusal) {
        let error = Self.refusal { () throws(CryptoEngineError) -> Void in try refusal.run(engine) }
        #expect(error?.code == refusal.code)
        #expect(error?.field == refusal.field)
        #expect(error?.resultReason == refusal.reason)
        // Every reason is one KMIP 1.0 already defines, so no version rewrites it.
        #expect(error?.resultReason.expressed(in: .v1_0) == refusal.reason)
        #expect(error?.message.isEmpty == false)
    }

    @Test func aBadPaddingReadsLikeAWrongKey() throws {
        let key = Self.aes(Self.oasisKey)
        let encrypted = try engine.encrypt(
            EncryptRequest(cryptographicParameters: Self.cbcPKCS5, data: [1, 2, 3], ivCounterNonce: Self.iv16), with: key)
        let wrongKey = Self.refusal { () throws(CryptoEngineError) -> Void in
            _ = try engine.decrypt(
                DecryptRequest(cryptographicParameters: Self.cbcPKCS5, data: encrypted.data, ivCounterNonce: Self.iv16),
                with: Self.aes(Self.sp800_38aKey128))
        }
        var tampered = encrypted.data
        tampered[0] ^= 1
        let wrongData = Self.refusal { () throws(CryptoEngineError) -> Void in
            _ = try engine.decrypt(
                DecryptRequest(cryptographicParameters: Self.cbcPKCS5, data: Array(tampered.suffix(16)), ivCounterNonce: Self.iv16),
                with: key)
        }
        #expect(wrongKey?.code == .decryptionFailed)
        #expect(wrongKey?.message == wrongData?.message)
    }

    @Test func errorsCarryNoKeyDataIVOrTag() {
        let key = CryptoKeyMaterial(bytes: Array(repeating: 0xC3, count: 16), algorithm: .aes)
        let secret: [UInt8] = Array(repeating: 0xD4, count: 16)
        let errors = [
            Self.refusal { () throws(CryptoEngineError) -> Void in
                _ = try engine.decrypt(
                    DecryptRequest(
                        cryptographicParameters: Self.gcm, data: secret, ivCounterNonce: secret.prefix(12).map { $0 },
                        authenticatedEncryptionTag: secret),
                    with: key)
            },
            Self.refusal { () throws(CryptoEngineError) -> Void in
                _ = try engine.decrypt(
                    DecryptRequest(cryptographicParameters: Self.cbcPKCS5, data: secret + secret, ivCounterNonce: secret), with: key)
            },
            Self.refusal { () throws(CryptoEngineError) -> Void in
                _ = try engine.encrypt(EncryptRequest(cryptographicParameters: Self.cbcNoPadding, data: [0xD4], ivCounterNonce: secret), with: key)
            },
        ]
        for error in errors {
            let text = "\(String(describing: error)) \(error?.location ?? "")"
            #expect(!text.lowercased().contains("c3c3") && !text.lowercased().contains("d4d4"))
            #expect(!text.contains("195, 195") && !text.contains("212, 212"), "no bytes in decimal either")
        }
        #expect("\(key)" == "AES key of 128 bits")
    }

    @Test func aRefusalBecomesTheBatchItemsFailure() {
        let error = CryptoEngineError(.authenticationFailed, "the tag does not match", field: .authenticatedEncryptionTag)
        #expect(OperationError(error) == OperationError(.cryptographicFailure, "the tag does not match"))
    }

    @Test func errorsAreEqualByCode() {
        let one = CryptoEngineError(.missingData, "one", field: .data)
        let other = CryptoEngineError(.missingData, "other", field: .macData)
        #expect(one == other)
        #expect(one != CryptoEngineError(.invalidParameter, "one", field: .data))
        #expect(Set([one, other]).count == 1)
        #expect(one.location.hasSuffix("CryptoEngineTests.swift:\(#line - 5)"))
    }

    // MARK: - Helpers

    static func refusal(_ body: () throws(CryptoEngineError) -> Void, sourceLocation: SourceLocation = #_sourceLocation)
        -> CryptoEngineError?
    {
        do {
            try body()
            Issue.record("expected a refusal", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    func refusal(_ body: () throws(CryptoEngineError) -> Void, sourceLocation: SourceLocation = #_sourceLocation)
        -> CryptoEngineError?
    {
        Self.refusal(body, sourceLocation: sourceLocation)
    }
}

/// Test vectors are written in hexadecimal, as their sources print them.
private func hex(_ string: String) -> [UInt8] {
    TTLVText.bytes(fromHex: string)!
}
