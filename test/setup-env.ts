// Keep firebase-admin and Google clients off the network: no metadata probing, demo project only.
process.env.METADATA_SERVER_DETECTION = 'none';
process.env.GCLOUD_PROJECT = process.env.GCLOUD_PROJECT ?? 'demo-infra-abierta';
