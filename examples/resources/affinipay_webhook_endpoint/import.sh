# The ID is <mode>:<url>, with mode "test" or "live".
terraform import affinipay_webhook_endpoint.example test:https://staging.example.com/webhooks/affinipay
