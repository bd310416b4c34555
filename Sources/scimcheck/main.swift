print("scimcheck")
