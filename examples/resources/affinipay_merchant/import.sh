# The import ID is the merchant ID of the merchant the provider's credentials
# authenticate as (the id of the affinipay_merchant data source).
terraform import affinipay_merchant.this wKgFeDz5HF-BPPl08dcACw
