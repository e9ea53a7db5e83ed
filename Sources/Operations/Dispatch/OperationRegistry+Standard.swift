extension OperationRegistry {
    /// The operations kmipgw performs. Adding one is its payload file in `KMIP/Payloads`, its
    /// handler file in `Operations/`, and one line here.
    public static let standard = OperationRegistry([
        DiscoverVersionsOperation.self,
        QueryOperation.self,
        CreateOperation.self,
        RegisterOperation.self,
        GetOperation.self,
        GetAttributesOperation.self,
        GetAttributeListOperation.self,
        AddAttributeOperation.self,
        ModifyAttributeOperation.self,
        DeleteAttributeOperation.self,
        ActivateOperation.self,
        RevokeOperation.self,
        DestroyOperation.self,
        LocateOperation.self,
        EncryptOperation.self,
        DecryptOperation.self,
        MACOperation.self,
        MACVerifyOperation.self,
        RNGRetrieveOperation.self,
    ])
}
